using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Tests.Csv;

public sealed class CsvReaderPropertyTests
{
    private static string Show(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    [Property(MaxTest = 2000)]
    public Property ReadsTheSameRecordsLinesAndFailuresAsTheReferenceParser() => Prop.ForAll(CsvText.Any, text =>
    {
        var expected = ReferenceCsv.Parse(text);
        using var reader = CsvReader.FromText(text, "random.csv");
        var records = new List<CsvRecord>();
        var error = Record.Exception(() =>
        {
            while (reader.ReadRecord() is { } record)
            {
                records.Add(record);
            }
        });

        var context = $"text: \"{Show(text)}\"";
        Assert.True(expected.Records.Count == records.Count, $"{context}: {records.Count} records, the reference has {expected.Records.Count}");
        for (var i = 0; i < records.Count; i++)
        {
            var (want, got) = (expected.Records[i], records[i]);
            Assert.True(
                want.Line == got.Line && want.LineCount == got.LineCount && want.Raw == got.Raw && want.Malformed == (got.Error is not null),
                $"{context}: record {i} is line {got.Line} +{got.LineCount} '{Show(got.Raw)}' error '{got.Error}', the reference has line {want.Line} +{want.LineCount} '{Show(want.Raw)}' malformed {want.Malformed}");
            if (!want.Malformed)
            {
                Assert.True(want.Fields.SequenceEqual(got.Fields), $"{context}: record {i} fields [{Show(string.Join("|", got.Fields))}], the reference has [{Show(string.Join("|", want.Fields))}]");
            }
        }

        if (expected.Unclosed is { } unclosed)
        {
            var failure = Assert.IsType<DataValidationException>(error);
            var lines = unclosed.Remaining == 1 ? "line" : "lines";
            Assert.Equal($"random.csv:{unclosed.Line}: a quoted field opens here and is never closed; it would swallow the remaining {unclosed.Remaining} {lines}", failure.Message);
            return;
        }

        Assert.True(error is null, $"{context}: {error}");
        Assert.Equal(expected.BlankLines, reader.BlankLines);
        // Every physical line is in exactly one record or is blank: nothing is swallowed or read twice.
        Assert.Equal(expected.TotalLines, records.Sum(r => r.LineCount) + reader.BlankLines);
        Assert.Equal(expected.TotalLines, reader.LinesRead);
    });

    [Fact]
    public void TheReferenceParserReadsTheCasesItsRulesNameByHand()
    {
        var result = ReferenceCsv.Parse("id,x,label\r\n1,\"a\r\nb\",0\n\n\"x\"y,2,1\r2,\"stray\n3,4,1\n5,\"6\",1");

        Assert.Equal(
            [
                new ReferenceRecord(1, 1, ["id", "x", "label"], "id,x,label", false),
                new ReferenceRecord(2, 2, ["1", "a\r\nb", "0"], "1,\"a\r\nb\",0", false),
                new ReferenceRecord(5, 1, ["xy", "2", "1"], "\"x\"y,2,1", true),
                new ReferenceRecord(6, 1, [], "2,\"stray", true),
                new ReferenceRecord(7, 1, ["3", "4", "1"], "3,4,1", false),
                new ReferenceRecord(8, 1, ["5", "6", "1"], "5,\"6\",1", false),
            ],
            result.Records,
            new ReferenceRecordComparer());
        Assert.Equal(1, result.BlankLines);
        Assert.Equal(8, result.TotalLines);
        Assert.Equal(new UnclosedQuote(2, 2), ReferenceCsv.Parse("a\n\"open\nb\n").Unclosed);
    }
}
