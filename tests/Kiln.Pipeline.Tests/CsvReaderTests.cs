using Kiln.Pipeline.Data;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Tests;

public sealed class CsvReaderTests
{
    private static List<CsvRecord> Read(string text)
    {
        using var reader = CsvReader.FromText(text, "data.csv");
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
        Assert.Equal([1, 2, 1], records.Select(r => r.LineCount));
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
    public void FailsOnAQuoteNeverClosedNamingTheLineItOpensAndTheLinesItWouldSwallow()
    {
        var error = Assert.Throws<DataValidationException>(() => Read("a,b\n1,\"never closed\n2,x\n3,y\n"));

        Assert.Equal("data.csv:2: a quoted field opens here and is never closed; it would swallow the remaining 3 lines", error.Message);
    }

    [Fact]
    public void NamesTheLineOfTheUnclosedQuoteNotTheLineItsRecordStarts()
    {
        var error = Assert.Throws<DataValidationException>(() => Read("a,b,c\n1,\"two\nlines\",\"open\nz\n"));

        Assert.Equal("data.csv:3: a quoted field opens here and is never closed; it would swallow the remaining 2 lines", error.Message);
    }

    [Fact]
    public void FailsOnARecordLongerThanTheLimitInsteadOfBufferingTheRestOfTheFile()
    {
        var text = "a,b\n1,2\n3,\"" + string.Concat(Enumerable.Repeat("x,y\n", 100_000));
        using var reader = new CsvReader(new StringReader(text), "big.csv", maxRecordChars: 1 << 17);

        var error = Assert.Throws<DataValidationException>(() => reader.Records().ToList());

        Assert.StartsWith("big.csv:3: the record starting here runs past 131,072 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuarantinesOnlyTheFirstLineOfAMalformedMultiLineRecordAndReadsOnFromTheNext()
    {
        // The stray quote on line 2 closes on line 3, giving a record of 3 fields where the header has 2.
        var records = Read("a,b\n1,\"stray\n2,x\",3\n4,5\n");

        Assert.Equal([1L, 2L, 3L, 4L], records.Select(r => r.Line));
        Assert.StartsWith("a quoted field opens on this line and the record it starts would run to line 3 with 3 fields where the header has 2", records[1].Error, StringComparison.Ordinal);
        Assert.Equal("1,\"stray", records[1].Raw);
        Assert.Equal(1, records[1].LineCount);
        Assert.Equal(["2", "x\"", "3"], records[2].Fields);
        Assert.Equal(["4", "5"], records[3].Fields);
    }

    [Fact]
    public void KeepsALegalMultiLineRecordWhole()
    {
        var records = Read("a,b\n1,\"two\r\nlines, \"\"quoted\"\"\"\n2,x\n");

        Assert.Equal(["1", "two\r\nlines, \"quoted\""], records[1].Fields);
        Assert.Equal(2, records[1].LineCount);
        Assert.Null(records[1].Error);
        Assert.Equal(4L, records[2].Line);
    }

    [Fact]
    public void SkipsAByteOrderMarkAndCountsBlankLines()
    {
        using var reader = CsvReader.FromText("\uFEFFa,b\n\n1,2\r\n\r\n\r3,4\n\n", "data.csv");

        var records = reader.Records().ToList();

        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal([1L, 3L, 6L], records.Select(r => r.Line));
        Assert.Equal(4, reader.BlankLines);
        Assert.Equal(7, reader.LinesRead);
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
        // Four fields a row, as in a real file: a multi-line record of another width would be resynchronised.
        var rows = Enumerable.Range(0, 300)
            .Select(_ => Enumerable.Range(0, 4)
                .Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])]))
                .ToArray())
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
