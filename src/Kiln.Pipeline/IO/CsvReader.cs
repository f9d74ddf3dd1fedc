using System.Buffers;
using System.Globalization;
using System.Text;
using Kiln.Pipeline.Data;

namespace Kiln.Pipeline.IO;

/// <summary>
/// Kiln's one CSV reader (RFC 4180): every record with the file line it starts on and the lines it spans, so that every
/// physical line of a file ends up in a record, as a blank line, or in a failure.
/// </summary>
/// <remarks>
/// CR, LF and CRLF each end a line, inside quoted fields too. A quote inside an unquoted field is an ordinary character.
/// The first record fixes the field count. A later record that spans several lines and is malformed (text after a closing
/// quote, or another field count than the first record's) is almost always a stray quote: only its first line is
/// returned, as an error, and reading resumes on the next line. A quote still open at the end of the file fails with a
/// <see cref="DataValidationException"/> naming the line where it opens, and so does a record longer than the limit.
/// </remarks>
/// <param name="reader">The text to read; disposed with the reader.</param>
/// <param name="source">The name shown in errors, e.g. "data/01-raw/churn.csv".</param>
/// <param name="maxRecordChars">The longest record, in characters, that the reader buffers before it fails the read.</param>
public sealed class CsvReader(TextReader reader, string source = "text", int maxRecordChars = CsvReader.DefaultMaxRecordChars) : IDisposable
{
    /// <summary>The default longest record (32 Mi characters): no row of tabular data is near it, so a record past it is a quote never closed.</summary>
    public const int DefaultMaxRecordChars = 1 << 25;

    private static readonly SearchValues<char> LineBreak = SearchValues.Create("\r\n");

    private readonly List<string> _fields = [];
    private readonly StringBuilder _quoted = new();
    private char[] _buffer = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _endOfText;
    private bool _started;
    private long _line = 1;
    private int? _expectedFields;

    private enum Parse
    {
        Record,
        Blank,
        NeedMore,
    }

    /// <summary>Blank lines skipped so far (all of them once <see cref="ReadRecord"/> has returned null).</summary>
    public long BlankLines { get; private set; }

    /// <summary>The physical lines consumed so far: every record's lines and every blank line.</summary>
    public long LinesRead => _line - 1;

    /// <summary>Opens a UTF-8 file (a byte order mark is honoured) for reading.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="displayName">The name shown in errors; the path when null.</param>
    public static CsvReader Open(string path, string? displayName = null) =>
        new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), displayName ?? path);

    /// <summary>Reads CSV held in a string.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="source">The name shown in errors.</param>
    public static CsvReader FromText(string text, string source = "text") => new(new StringReader(text), source);

    /// <summary>Returns every record in order, skipping blank lines.</summary>
    public IEnumerable<CsvRecord> Records()
    {
        while (ReadRecord() is { } record)
        {
            yield return record;
        }
    }

    /// <summary>Reads the next record, or returns null at the end of the text; blank lines are skipped and counted.</summary>
    /// <exception cref="DataValidationException">A quoted field opens and is never closed.</exception>
    public CsvRecord? ReadRecord()
    {
        while (true)
        {
            if (_start == _end && !Fill())
            {
                return null;
            }

            switch (TryParse(out var record))
            {
                case Parse.Record:
                    return record;
                case Parse.NeedMore:
                    Fill();
                    break;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => reader.Dispose();

    private Parse TryParse(out CsvRecord? record)
    {
        record = null;
        var text = _buffer.AsSpan(_start, _end - _start);
        if (text[0] is '\r' or '\n')
        {
            if (TerminatorLength(text, 0) is not { } blank)
            {
                return Parse.NeedMore;
            }

            Consume(blank, lines: 1);
            BlankLines++;
            return Parse.Blank;
        }

        _fields.Clear();
        var position = 0;
        var breaks = 0;
        var textAfterQuote = false;
        var lineEnd = -1;
        while (true)
        {
            if (position < text.Length && text[position] == '"')
            {
                var quote = position;
                var contentStart = ++position;
                // Most quoted fields hold no doubled quote: they become a string straight from the buffer.
                var unescaped = false;
                while (true)
                {
                    var close = text[position..].IndexOf('"');
                    if (close < 0)
                    {
                        return _endOfText ? throw Unclosed(text, quote) : Parse.NeedMore;
                    }

                    var content = text.Slice(position, close);
                    breaks += LineBreaks(content);
                    if (unescaped)
                    {
                        _quoted.Append(content);
                    }

                    position += close + 1;
                    if (position == text.Length && !_endOfText)
                    {
                        // A doubled quote may continue in the next block.
                        return Parse.NeedMore;
                    }

                    if (position < text.Length && text[position] == '"')
                    {
                        if (!unescaped)
                        {
                            // Everything so far, ending with one of the two quotes.
                            _quoted.Clear().Append(text[contentStart..position]);
                            unescaped = true;
                        }
                        else
                        {
                            _quoted.Append('"');
                        }

                        position++;
                        continue;
                    }

                    break;
                }

                var garbage = FieldLength(text, position, ref lineEnd);
                if (garbage < 0)
                {
                    return Parse.NeedMore;
                }

                textAfterQuote |= garbage > 0;
                if (!unescaped && garbage == 0)
                {
                    _fields.Add(new string(text[contentStart..(position - 1)]));
                }
                else
                {
                    if (!unescaped)
                    {
                        _quoted.Clear().Append(text[contentStart..(position - 1)]);
                    }

                    _fields.Add(_quoted.Append(text.Slice(position, garbage)).ToString());
                }

                position += garbage;
            }
            else
            {
                var length = FieldLength(text, position, ref lineEnd);
                if (length < 0)
                {
                    return Parse.NeedMore;
                }

                _fields.Add(new string(text.Slice(position, length)));
                position += length;
            }

            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            var contentEnd = position;
            if (position < text.Length)
            {
                if (TerminatorLength(text, position) is not { } terminator)
                {
                    return Parse.NeedMore;
                }

                position += terminator;
            }

            record = Complete(text, contentEnd, position, breaks + 1, textAfterQuote);
            return Parse.Record;
        }
    }

    private CsvRecord Complete(ReadOnlySpan<char> text, int contentEnd, int end, int lineCount, bool textAfterQuote)
    {
        var line = _line;
        if (_expectedFields is { } expected && lineCount > 1 && (textAfterQuote || _fields.Count != expected))
        {
            // Resynchronise: a stray quote made this record; reject only its first line and read on from the next.
            var firstBreak = text.IndexOfAny(LineBreak);
            var why = textAfterQuote ? "text after a closing quote" : $"{_fields.Count} fields where the header has {expected}";
            var raw = new string(text[..firstBreak]);
            Consume(firstBreak + TerminatorLength(text, firstBreak)!.Value, lines: 1);
            return new CsvRecord(
                line,
                1,
                [],
                raw,
                $"a quoted field opens on this line and the record it starts would run to line {line + lineCount - 1} with {why}; only this line is quarantined and reading resumes on line {line + 1}");
        }

        _expectedFields ??= _fields.Count;
        var record = new CsvRecord(line, lineCount, [.. _fields], new string(text[..contentEnd]), textAfterQuote ? "unexpected text after a closing quote" : null);
        Consume(end, lineCount);
        return record;
    }

    private DataValidationException Unclosed(ReadOnlySpan<char> text, int quote)
    {
        var openLine = _line + LineBreaks(text[..quote]);
        var rest = text[quote..];
        var remaining = LineBreaks(rest) + (rest[^1] is '\r' or '\n' ? 0 : 1);
        return new DataValidationException(string.Create(
            CultureInfo.InvariantCulture,
            $"{source}:{openLine}: a quoted field opens here and is never closed; it would swallow the remaining {remaining:N0} line{(remaining == 1 ? "" : "s")}"));
    }

    private void Consume(int chars, int lines)
    {
        _start += chars;
        _line += lines;
    }

    /// <summary>The length of the field text up to the next comma or line break, or -1 when the block ends first.</summary>
    /// <param name="text">The unread text.</param>
    /// <param name="position">Where the field's text starts.</param>
    /// <param name="lineEnd">The end of the current line, found once per line so that each field needs only a search for a comma.</param>
    private int FieldLength(ReadOnlySpan<char> text, int position, ref int lineEnd)
    {
        if (lineEnd < position)
        {
            var found = text[position..].IndexOfAny(LineBreak);
            if (found < 0 && !_endOfText)
            {
                return -1;
            }

            lineEnd = found < 0 ? text.Length : position + found;
        }

        // Fields are short: a plain loop beats a vectorised search that has to be set up for each of them.
        var line = text[position..lineEnd];
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == ',')
            {
                return i;
            }
        }

        return line.Length;
    }

    /// <summary>1 or 2 for the line break at <paramref name="at"/>, or null when a CR ends the block and an LF may follow.</summary>
    private int? TerminatorLength(ReadOnlySpan<char> text, int at)
    {
        if (text[at] == '\n')
        {
            return 1;
        }

        if (at + 1 < text.Length)
        {
            return text[at + 1] == '\n' ? 2 : 1;
        }

        return _endOfText ? 1 : null;
    }

    /// <summary>How many line breaks the text holds; a CRLF counts once.</summary>
    private static int LineBreaks(ReadOnlySpan<char> text)
    {
        var breaks = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return breaks;
    }

    /// <summary>Reads more text after what is unread, growing the buffer for a long record; false at the end of the text.</summary>
    private bool Fill()
    {
        if (_endOfText)
        {
            return false;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= maxRecordChars)
            {
                throw TooLong();
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = reader.Read(_buffer, _end, _buffer.Length - _end);
        _endOfText = read == 0;
        _end += read;
        if (!_started && _end > 0)
        {
            _started = true;
            // A text reader over a string keeps the byte order mark that a stream reader drops.
            _start = _buffer[0] == '\uFEFF' ? 1 : 0;
        }

        return _start < _end || !_endOfText;
    }

    private DataValidationException TooLong() =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"{source}:{_line}: the record starting here runs past {_buffer.Length:N0} characters ({LineBreaks(_buffer.AsSpan(_start, _end - _start)):N0} lines) without ending; no row is that long, so a quoted field in it is almost certainly never closed"));
}
