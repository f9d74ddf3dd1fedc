using System.Text;

namespace Kiln.Pipeline.IO;

/// <summary>A streaming RFC 4180 CSV reader that reports the file line each record starts on.</summary>
/// <param name="reader">The text to read; disposed with the reader.</param>
public sealed class CsvReader(TextReader reader) : IDisposable
{
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _raw = new();
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _position;
    private int _length;
    private long _line = 1;

    /// <summary>Opens a UTF-8 file for reading.</summary>
    /// <param name="path">The CSV file.</param>
    public static CsvReader Open(string path) =>
        new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));

    /// <summary>Returns every record in order, skipping blank lines.</summary>
    public IEnumerable<CsvRecord> Records()
    {
        while (ReadRecord() is { } record)
        {
            yield return record;
        }
    }

    /// <summary>Reads the next record, or returns null at the end of the file; blank lines are skipped.</summary>
    public CsvRecord? ReadRecord()
    {
        while (true)
        {
            if (Peek() < 0)
            {
                return null;
            }

            var record = ReadOne();
            if (record.Raw.Length > 0 || record.Error is not null)
            {
                return record;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => reader.Dispose();

    private CsvRecord ReadOne()
    {
        var startLine = _line;
        _raw.Clear();
        _fields.Clear();
        string? error = null;
        while (true)
        {
            _field.Clear();
            int c = Peek();
            if (c == '"')
            {
                Take();
                error ??= ReadQuoted(startLine);
                c = Peek();
                if (c is not (',' or '\r' or '\n' or -1))
                {
                    error ??= $"unexpected character '{(char)c}' after a closing quote";
                    // Keep the rest of the field so the raw line is still captured faithfully.
                    while (Peek() is not (',' or '\r' or '\n' or -1))
                    {
                        Take();
                    }
                }
            }
            else
            {
                while ((c = Peek()) is not (',' or '\r' or '\n' or -1))
                {
                    _field.Append((char)Take());
                }
            }

            _fields.Add(_field.ToString());
            c = Peek();
            if (c == ',')
            {
                Take();
                continue;
            }

            EndLine();
            return new CsvRecord(startLine, [.. _fields], _raw.ToString(), error);
        }
    }

    private string? ReadQuoted(long startLine)
    {
        while (true)
        {
            var c = Peek();
            if (c < 0)
            {
                return $"unterminated quoted field starting on line {startLine}";
            }

            if (c == '"')
            {
                Take();
                if (Peek() == '"')
                {
                    Take();
                    _field.Append('"');
                    continue;
                }

                return null;
            }

            if (c is '\n' or '\r')
            {
                var newline = (char)Take();
                _field.Append(newline);
                if (newline == '\r' && Peek() == '\n')
                {
                    _field.Append((char)Take());
                }

                _line++;
                continue;
            }

            _field.Append((char)Take());
        }
    }

    private void EndLine()
    {
        var c = Peek();
        if (c == '\r')
        {
            TakeWithoutRaw();
            if (Peek() == '\n')
            {
                TakeWithoutRaw();
            }

            _line++;
        }
        else if (c == '\n')
        {
            TakeWithoutRaw();
            _line++;
        }
    }

    private int Peek()
    {
        if (_position < _length)
        {
            return _buffer[_position];
        }

        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0 ? _buffer[0] : -1;
    }

    private int Take()
    {
        var c = Peek();
        _position++;
        _raw.Append((char)c);
        return c;
    }

    private void TakeWithoutRaw()
    {
        Peek();
        _position++;
    }
}
