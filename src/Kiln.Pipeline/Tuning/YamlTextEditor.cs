using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kiln.Pipeline.Tuning;

/// <summary>
/// Edits a YAML document as text at the positions the parser reports, so comments, blank lines, key order and flow or block style
/// outside the edited values stay byte for byte (YamlDotNet's representation model would drop comments).
/// </summary>
/// <param name="text">The YAML document.</param>
public sealed class YamlTextEditor(string text)
{
    private readonly List<(int Start, int End, string Replacement)> _edits = [];

    /// <summary>The root mapping of the document as parsed before any edit.</summary>
    public YamlSpan Root { get; } = Parse(text);

    /// <summary>Replaces a scalar value, or adds the key to the mapping when it is missing.</summary>
    /// <param name="mapping">The mapping holding the key.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueText">The new value as YAML text (a scalar or a flow collection).</param>
    public void Set(YamlSpan mapping, string key, string valueText)
    {
        if (mapping.Find(key) is { } value)
        {
            _edits.Add((value.Start, value.End, valueText));
        }
        else
        {
            Add(mapping, key, valueText);
        }
    }

    /// <summary>Makes a mapping hold exactly <paramref name="entries"/>: values replaced in place, missing keys added after the last entry, other keys removed with their line.</summary>
    /// <param name="mapping">The mapping to rewrite.</param>
    /// <param name="entries">The keys and their values as YAML text, in the order new keys are added.</param>
    public void Replace(YamlSpan mapping, IReadOnlyList<(string Key, string Value)> entries)
    {
        if (mapping.IsFlow || mapping.Entries.Count == 0)
        {
            _edits.Add((mapping.Start, mapping.End, Flow(entries)));
            return;
        }

        foreach (var (key, keyStart, value) in mapping.Entries)
        {
            var wanted = entries.Where(e => e.Key == key).Select(e => e.Value).FirstOrDefault();
            if (wanted is not null)
            {
                _edits.Add((value.Start, value.End, wanted));
            }
            else
            {
                // The whole line goes, its comment with it: the comment described a value that is no longer there.
                var lineStart = LineStart(keyStart);
                var lineEnd = LineEnd(value.End);
                _edits.Add((lineStart, Math.Min(text.Length, lineEnd + 1), ""));
            }
        }

        var present = mapping.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var indent = new string(' ', mapping.Entries[0].KeyStart - LineStart(mapping.Entries[0].KeyStart));
        var insertAt = LineEnd(mapping.Entries[^1].Value.End);
        var added = string.Concat(entries.Where(e => !present.Contains(e.Key)).Select(e => $"\n{indent}{e.Key}: {e.Value}"));
        if (added.Length > 0)
        {
            _edits.Add((insertAt, insertAt, added));
        }
    }

    /// <summary>Adds a key at the end of a mapping, in the mapping's own style and indentation.</summary>
    /// <param name="mapping">The mapping.</param>
    /// <param name="key">The new key.</param>
    /// <param name="valueText">Its value as YAML text.</param>
    public void Add(YamlSpan mapping, string key, string valueText)
    {
        if (mapping.IsFlow)
        {
            // After the last value, or inside the braces of an empty mapping (End is just past its closing brace).
            var at = mapping.Entries.Count == 0 ? mapping.End - 1 : mapping.Entries[^1].Value.End;
            _edits.Add((at, at, mapping.Entries.Count == 0 ? $" {key}: {valueText} " : $", {key}: {valueText}"));
            return;
        }

        if (mapping.Entries.Count == 0)
        {
            throw new InvalidOperationException("an empty block mapping has no position to add to");
        }

        var indent = new string(' ', mapping.Entries[0].KeyStart - LineStart(mapping.Entries[0].KeyStart));
        var insertAt = LineEnd(mapping.Entries[^1].Value.End);
        _edits.Add((insertAt, insertAt, $"\n{indent}{key}: {valueText}"));
    }

    /// <summary>Appends a top-level section at the end of the document.</summary>
    /// <param name="textToAppend">The section's lines.</param>
    public void Append(string textToAppend) =>
        _edits.Add((text.Length, text.Length, (text.EndsWith('\n') ? "" : "\n") + (text.EndsWith("\n\n", StringComparison.Ordinal) ? "" : "\n") + textToAppend));

    /// <summary>A flow mapping "{ a: 1, b: 2 }".</summary>
    /// <param name="entries">The keys and value texts.</param>
    public static string Flow(IEnumerable<(string Key, string Value)> entries) => "{ " + string.Join(", ", entries.Select(e => $"{e.Key}: {e.Value}")) + " }";

    /// <summary>The document with every edit applied.</summary>
    public override string ToString()
    {
        var result = text;
        foreach (var (start, end, replacement) in _edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.End))
        {
            result = result[..start] + replacement + result[end..];
        }

        return result;
    }

    private int LineStart(int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    private int LineEnd(int index)
    {
        var newline = text.IndexOf('\n', index);
        return newline < 0 ? text.Length : newline;
    }

    private static YamlSpan Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            throw new YamlException("the document is empty");
        }

        parser.Consume<DocumentStart>();
        var root = Node(parser, text);
        return root.IsMapping ? root : throw new YamlException("the document is not a mapping");
    }

    // The parser marks a flow collection's end at its closing bracket; the span ends just past it.
    private static int Closing(string text, ParsingEvent end, char bracket) => text.IndexOf(bracket, (int)end.Start.Index) + 1;

    private static YamlSpan Node(IParser parser, string text)
    {
        switch (parser.Current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlSpan((int)scalar.Start.Index, (int)scalar.End.Index, false, false, []);
            case MappingStart start:
                parser.MoveNext();
                var entries = new List<(string, int, YamlSpan)>();
                while (parser.Current is not MappingEnd)
                {
                    var keyEvent = parser.Current as Scalar ?? throw new YamlException(parser.Current!.Start, parser.Current.End, "only plain keys are supported");
                    parser.MoveNext();
                    entries.Add((keyEvent.Value, (int)keyEvent.Start.Index, Node(parser, text)));
                }

                var end = (MappingEnd)parser.Current;
                parser.MoveNext();
                var flow = start.Style == MappingStyle.Flow;
                return new YamlSpan((int)start.Start.Index, flow ? Closing(text, end, '}') : entries.Count > 0 ? entries[^1].Item3.End : (int)start.End.Index, true, flow, entries);
            case SequenceStart sequence:
                parser.MoveNext();
                var last = (int)sequence.End.Index;
                while (parser.Current is not SequenceEnd)
                {
                    last = Node(parser, text).End;
                }

                var sequenceEnd = (SequenceEnd)parser.Current;
                parser.MoveNext();
                return new YamlSpan((int)sequence.Start.Index, sequence.Style == SequenceStyle.Flow ? Closing(text, sequenceEnd, ']') : last, false, sequence.Style == SequenceStyle.Flow, []);
            default:
                throw new YamlException(parser.Current!.Start, parser.Current.End, $"unexpected {parser.Current.GetType().Name}");
        }
    }
}
