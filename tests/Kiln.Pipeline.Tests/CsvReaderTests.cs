using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Tests;

public sealed class CsvReaderTests
{
    private static List<CsvRecord> Read(string text)
    {
        using var reader = new CsvReader(new StringReader(text));
        return [.. reader.Records()];
    }

    [Fact]
    public void UnquotesCommasAndDoubledQuotesInsideQuotedFields()
    {
        var records = Read("a,b\n\"Dublin, IE\",\"say \"\"hi\"\"\"\n");

        Assert.Equal(["Dublin, IE", "say \"hi\""], records[1].Fields);
        Assert.Equal("\"Dublin, IE\",\"say \"\"hi\"\"\"", records[1].Raw);
    }

    [Fact]
    public void ReportsTheLineEachRecordStartsOnWhenAQuotedFieldSpansLines()
    {
        var records = Read("id,note\r\n1,\"two\r\nlines\"\r\n2,plain\r\n");

        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
        Assert.Equal("two\r\nlines", records[1].Fields[1]);
        Assert.Equal(["2", "plain"], records[2].Fields);
    }

    [Fact]
    public void KeepsEmptyFieldsAndSkipsBlankLines()
    {
        var records = Read("a,b,c\n\n1,,3\n,,\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["1", "", "3"], records[1].Fields);
        Assert.Equal(["", "", ""], records[2].Fields);
        Assert.Equal(4L, records[2].Line);
    }

    [Fact]
    public void FlagsUnterminatedQuoteWithTheLineItStarted()
    {
        var records = Read("a,b\n1,\"never closed\n2,x\n");

        Assert.Equal("unterminated quoted field starting on line 2", records[1].Error);
    }

    [Fact]
    public void FlagsTextAfterAClosingQuote()
    {
        var records = Read("a,b\n\"x\"y,2\n");

        Assert.Contains("after a closing quote", records[1].Error, StringComparison.Ordinal);
        Assert.Equal("\"x\"y,2", records[1].Raw);
    }

    [Fact]
    public void WriterQuotesOnlyFieldsThatNeedItAndRoundTrips()
    {
        var writer = new StringWriter();
        CsvWriter.WriteRow(writer, ["plain", "a,b", "q\"uote", "line\nbreak"]);

        Assert.Equal("plain,\"a,b\",\"q\"\"uote\",\"line\nbreak\"\n", writer.ToString());
        Assert.Equal(["plain", "a,b", "q\"uote", "line\nbreak"], Read(writer.ToString())[0].Fields);
    }

    [Fact]
    public void RoundTripsRandomFieldsWithQuotesCommasAndLineBreaks()
    {
        var random = new Random(2024);
        const string alphabet = "ab ,\"\n\r\t;é'";
        var rows = Enumerable.Range(0, 300)
            .Select(_ => Enumerable.Range(0, random.Next(1, 6))
                .Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])]))
                .ToArray())
            // A lone empty field is a blank line, which the reader skips by design.
            .Where(row => row is not [""])
            .ToList();
        var writer = new StringWriter();
        foreach (var row in rows)
        {
            CsvWriter.WriteRow(writer, row);
        }

        var read = Read(writer.ToString());

        Assert.Equal(rows.Count, read.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i], read[i].Fields);
            Assert.Null(read[i].Error);
        }
    }
}
