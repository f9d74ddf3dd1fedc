using System.Text;
using System.Text.RegularExpressions;
using Kiln.Pipeline.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kiln.Pipeline.Caching;

/// <summary>Reads and writes kiln.lock: one entry per stage, keys sorted, so diffs stay small and readable.</summary>
/// <param name="path">The lock file.</param>
public sealed partial class StageLock(string path)
{
    // Stages of one build run one after another; the gate only protects against parallel test hosts in one process.
    private static readonly Lock Gate = new();

    /// <summary>Returns the stage's recorded entry, or null when it never completed.</summary>
    /// <param name="stage">The stage name.</param>
    public LockEntry? Read(string stage) => ReadAll().GetValueOrDefault(stage);

    /// <summary>Replaces the stage's entry, rewriting the whole file atomically.</summary>
    /// <param name="stage">The stage name.</param>
    /// <param name="entry">The new entry.</param>
    public void Write(string stage, LockEntry entry)
    {
        lock (Gate)
        {
            var all = ReadAll();
            all[stage] = entry;
            AtomicFile.WriteAllText(path, Render(all));
        }
    }

    /// <summary>Removes the stage's entry, so it counts as never run.</summary>
    /// <param name="stage">The stage name.</param>
    public void Remove(string stage)
    {
        lock (Gate)
        {
            var all = ReadAll();
            if (all.Remove(stage))
            {
                AtomicFile.WriteAllText(path, Render(all));
            }
        }
    }

    /// <summary>Reads every entry; a missing file has none.</summary>
    public SortedDictionary<string, LockEntry> ReadAll()
    {
        var entries = new SortedDictionary<string, LockEntry>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return entries;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException e)
        {
            throw new PipelineException($"{path}:{e.Start.Line}: kiln.lock is not valid YAML ({e.Message}); delete it to rerun every stage", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("stages"), out var stagesNode) || stagesNode is not YamlMappingNode stages)
        {
            return entries;
        }

        foreach (var (name, value) in stages.Children)
        {
            if (value is not YamlMappingNode stage)
            {
                continue;
            }

            entries[((YamlScalarNode)name).Value!] = new LockEntry(
                stage.Children.TryGetValue(new YamlScalarNode("code"), out var code) ? ((YamlScalarNode)code).Value ?? "" : "",
                Map(stage, "params"),
                Map(stage, "deps"),
                Map(stage, "outs"));
        }

        return entries;
    }

    private static SortedDictionary<string, string> Map(YamlMappingNode stage, string key)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (stage.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode mapping)
        {
            foreach (var (k, v) in mapping.Children)
            {
                map[((YamlScalarNode)k).Value ?? ""] = (v as YamlScalarNode)?.Value ?? "";
            }
        }

        return map;
    }

    private static string Render(SortedDictionary<string, LockEntry> entries)
    {
        var text = new StringBuilder()
            .Append("# kiln.lock: what each stage read, used and wrote on its last complete run. Written by Kiln; do not edit.\n")
            .Append("schema: 1\n")
            .Append("stages:\n");
        foreach (var (name, entry) in entries)
        {
            text.Append("  ").Append(Quote(name)).Append(":\n");
            text.Append("    code: ").Append(Quote(entry.Code)).Append('\n');
            Section(text, "params", entry.Parameters);
            Section(text, "deps", entry.Dependencies);
            Section(text, "outs", entry.Outputs);
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string key, IReadOnlyDictionary<string, string> values)
    {
        text.Append("    ").Append(key).Append(values.Count == 0 ? ": {}\n" : ":\n");
        foreach (var (k, v) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("      ").Append(Quote(k)).Append(": ").Append(Quote(v)).Append('\n');
        }
    }

    // Simple names and hashes stay plain for readable diffs; anything YAML could misread is double-quoted.
    private static string Quote(string value) =>
        PlainScalar().IsMatch(value) && !ReservedWords.Contains(value)
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    private static readonly HashSet<string> ReservedWords = new(["true", "false", "yes", "no", "on", "off", "y", "n", "null"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("^(?:[A-Za-z_][A-Za-z0-9_./-]*|[0-9a-f]{64})$")]
    private static partial Regex PlainScalar();
}
