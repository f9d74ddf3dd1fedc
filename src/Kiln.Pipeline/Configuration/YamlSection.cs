using System.Globalization;
using Kiln.Naming;
using YamlDotNet.RepresentationModel;

namespace Kiln.Pipeline.Configuration;

/// <summary>
/// A strict view of one YAML mapping that reports every problem as "file:line: message" naming the dotted key. A section
/// the file leaves out is an empty view, so each reader passes its default once and never checks for absence.
/// </summary>
internal sealed class YamlSection(string file, string prefix, YamlMappingNode node, long? line = null)
{
    public string File => file;

    public long Line => line ?? node.Start.Line;

    public ConfigException Error(YamlNode at, string message) => new($"{file}:{at.Start.Line}: {message}");

    public string KeyPath(string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    /// <summary>Fails on the first key that no reader asked for, suggesting the closest known one.</summary>
    public void RejectUnknownKeys(params string[] known)
    {
        foreach (var (keyNode, _) in node.Children)
        {
            var key = KeyText(keyNode);
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw Error(keyNode, $"unknown key '{KeyPath(key)}'{Suggestions.Hint(key, known)}");
            }
        }
    }

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries()
    {
        foreach (var (keyNode, value) in node.Children)
        {
            yield return (KeyText(keyNode), keyNode, value);
        }
    }

    /// <summary>The nested mapping; when absent, a required one fails and an optional one is empty (reporting this section's line).</summary>
    public YamlSection Section(string key, bool required)
    {
        var value = Find(key, required);
        if (value is null || IsNull(value))
        {
            return required ? throw Missing(key) : new YamlSection(file, KeyPath(key), new YamlMappingNode(), Line);
        }

        return value is YamlMappingNode mapping
            ? new YamlSection(file, KeyPath(key), mapping)
            : throw Error(value, $"'{KeyPath(key)}' must be a mapping of keys to values");
    }

    /// <summary>An optional text value, or <paramref name="fallback"/> when the key is absent.</summary>
    public string String(string key, string fallback) => String(key, required: false, fallback)!;

    public string? String(string key, bool required, string? fallback = null)
    {
        var value = Find(key, required);
        if (value is null || IsNull(value))
        {
            return required ? throw Missing(key) : fallback;
        }

        if (value is not YamlScalarNode scalar)
        {
            throw Error(value, $"'{KeyPath(key)}' must be a single value, not a list or mapping");
        }

        var text = scalar.Value ?? "";
        return text.Length == 0 && required ? throw Error(value, $"'{KeyPath(key)}' must not be empty") : text;
    }

    public double Double(string key, double fallback, double minimum = double.MinValue, double maximum = double.MaxValue)
    {
        var value = Find(key, required: false);
        return value is null || IsNull(value) ? fallback : ParseDouble(value, KeyPath(key), minimum, maximum);
    }

    public int Int(string key, int fallback, int minimum = int.MinValue, int maximum = int.MaxValue)
    {
        var value = Find(key, required: false);
        if (value is null || IsNull(value))
        {
            return fallback;
        }

        var text = Scalar(value, KeyPath(key));
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
            ? number
            : throw Error(value, $"'{KeyPath(key)}' must be a whole number between {minimum} and {maximum}, got '{text}'");
    }

    public bool Bool(string key, bool fallback)
    {
        var value = Find(key, required: false);
        if (value is null || IsNull(value))
        {
            return fallback;
        }

        var text = Scalar(value, KeyPath(key));
        return text switch
        {
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            _ => throw Error(value, $"'{KeyPath(key)}' must be true or false, got '{text}'"),
        };
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var value = Find(key, required: false);
        if (value is null || IsNull(value))
        {
            return [];
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Error(value, $"'{KeyPath(key)}' must be a list, e.g. [a, b]");
        }

        return sequence.Children.Select(item => Scalar(item, KeyPath(key) + " item")).ToArray();
    }

    public double ParseDouble(YamlNode value, string keyPath, double minimum, double maximum)
    {
        var text = Scalar(value, keyPath);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
            ? number
            : throw Error(value, $"'{keyPath}' must be a number between {minimum.ToString(CultureInfo.InvariantCulture)} and {maximum.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
    }

    private string Scalar(YamlNode value, string keyPath) =>
        value is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error(value, $"'{keyPath}' must be a single value, not a list or mapping");

    private YamlNode? Find(string key, bool required)
    {
        foreach (var (keyNode, value) in node.Children)
        {
            if (KeyText(keyNode) == key)
            {
                return value;
            }
        }

        return required ? throw Missing(key) : null;
    }

    private static string KeyText(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();

    private ConfigException Missing(string key) => new($"{file}:{node.Start.Line}: missing required key '{KeyPath(key)}'");

    private static bool IsNull(YamlNode value) =>
        value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
