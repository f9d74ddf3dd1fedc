using System.Text;

namespace Kiln.Pipeline.Tests.Csv;

/// <summary>
/// A slow model of the reading rules in the README's validation section, written for obviousness rather than speed:
/// the text is first cut into physical lines, and each record is parsed character by character from the start of a line.
/// </summary>
internal static class ReferenceCsv
{
    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        AfterClosingQuote,
    }

    /// <summary>Reads the whole text; stops at the first quote that is never closed.</summary>
    public static ReferenceResult Parse(string text)
    {
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var lines = PhysicalLines(text);
        var records = new List<ReferenceRecord>();
        var blank = 0;
        int? headerFields = null;
        var index = 0;
        while (index < lines.Count)
        {
            var (start, contentEnd) = lines[index];
            if (start == contentEnd)
            {
                blank++;
                index++;
                continue;
            }

            var parsed = ParseRecordAt(text, start);
            if (parsed.UnclosedQuoteAt is { } quote)
            {
                var openLine = lines.FindLastIndex(line => line.Start <= quote);
                return new ReferenceResult(records, blank, lines.Count, new UnclosedQuote(openLine + 1, lines.Count - openLine));
            }

            var next = lines.FindIndex(line => line.Start >= parsed.End);
            var lineCount = (next < 0 ? lines.Count : next) - index;
            if (headerFields is { } expected && lineCount > 1 && (parsed.Malformed || parsed.Fields.Count != expected))
            {
                // Resynchronise: only the first line is rejected; the next line is read as the start of a record.
                records.Add(new ReferenceRecord(index + 1, 1, [], text[start..contentEnd], Malformed: true));
                index++;
                continue;
            }

            headerFields ??= parsed.Fields.Count;
            records.Add(new ReferenceRecord(index + 1, lineCount, [.. parsed.Fields], text[start..parsed.ContentEnd], parsed.Malformed));
            index += lineCount;
        }

        return new ReferenceResult(records, blank, lines.Count, null);
    }

    /// <summary>Each physical line's start and the end of its content; CR, LF and CRLF each end a line, and the text after the last one is a line only when non-empty.</summary>
    public static List<(int Start, int ContentEnd)> PhysicalLines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add((start, i));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add((start, text.Length));
        }

        return lines;
    }

    private static ParsedRecord ParseRecordAt(string text, int position)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var state = State.FieldStart;
        var malformed = false;
        var quoteAt = -1;
        var p = position;
        while (p < text.Length)
        {
            var c = text[p];
            switch (state)
            {
                case State.FieldStart when c == '"':
                    state = State.Quoted;
                    quoteAt = p++;
                    break;
                case State.FieldStart:
                    state = State.Unquoted;
                    break;
                case State.Quoted when c == '"' && p + 1 < text.Length && text[p + 1] == '"':
                    field.Append('"');
                    p += 2;
                    break;
                case State.Quoted when c == '"':
                    state = State.AfterClosingQuote;
                    p++;
                    break;
                case State.Quoted:
                    field.Append(c);
                    p++;
                    break;
                case State.Unquoted or State.AfterClosingQuote when c == ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    state = State.FieldStart;
                    p++;
                    break;
                case State.Unquoted or State.AfterClosingQuote when c is '\r' or '\n':
                    fields.Add(field.ToString());
                    var end = c == '\r' && p + 1 < text.Length && text[p + 1] == '\n' ? p + 2 : p + 1;
                    return new ParsedRecord(fields, p, end, malformed, null);
                case State.AfterClosingQuote:
                    malformed = true;
                    field.Append(c);
                    p++;
                    break;
                default:
                    // Unquoted: a quote inside an unquoted field is an ordinary character.
                    field.Append(c);
                    p++;
                    break;
            }
        }

        fields.Add(field.ToString());
        return new ParsedRecord(fields, text.Length, text.Length, malformed, state == State.Quoted ? quoteAt : null);
    }

    private sealed record ParsedRecord(List<string> Fields, int ContentEnd, int End, bool Malformed, int? UnclosedQuoteAt);
}

/// <summary>One record as the reference reads it.</summary>
internal sealed record ReferenceRecord(long Line, int LineCount, string[] Fields, string Raw, bool Malformed);

/// <summary>A quote that opens on <paramref name="Line"/> and is never closed, and how many lines it would swallow from there.</summary>
internal sealed record UnclosedQuote(long Line, long Remaining);

/// <summary>What the reference read: the records, the blank lines skipped, the file's physical lines, and a quote never closed.</summary>
internal sealed record ReferenceResult(List<ReferenceRecord> Records, int BlankLines, int TotalLines, UnclosedQuote? Unclosed);
