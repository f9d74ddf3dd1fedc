using Kiln.Hashing;
using Kiln.Inference;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Tests;

public sealed class FeaturesStageTests
{
    private const string SmallYaml = """
        dataset:
          path: small.csv
          id: id
          label: { column: outcome, positive: "1", negative: "0" }
          numeric: [x]
          categorical: [colour]
        validation: { max_rejected_fraction: 0.5 }
        split: { test_fraction: 0.25, seed: 3 }
        trainer: { name: LightGbm }
        """;

    private static string SmallCsv(int rows, params string[] extra)
    {
        var lines = new List<string> { "id,x,colour,outcome" };
        lines.AddRange(Enumerable.Range(1, rows).Select(i => $"r{i},{i * 0.5},\"red, dark\",{i % 2}"));
        lines.AddRange(extra);
        return string.Join("\n", lines) + "\n";
    }

    private static List<string[]> ReadRows(string path)
    {
        using var reader = CsvReader.Open(path);
        return [.. reader.Records().Skip(1).Select(r => r.Fields)];
    }

    [Fact]
    public async Task QuarantinesBadRowsNamingTheirLineAndReason()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("small.csv", SmallCsv(20, "bad1,1.5,blue", "bad2,abc,blue,1", "bad3,2.0,blue,maybe", "bad4,\"2.0\"x,blue,1"));

        var result = await new FeaturesStage(workspace.Context(SmallYaml)).RunAsync(TestContext.Current.CancellationToken);

        var quarantine = ReadRows(workspace.At("data/02-preprocessed/quarantine.csv"));
        Assert.Equal(["22", "wrong_field_count: expected 4 fields, found 3", "bad1,1.5,blue"], quarantine[0]);
        Assert.Equal(["23", "unparsable_number: column 'x': 'abc' is not a number", "bad2,abc,blue,1"], quarantine[1]);
        Assert.Equal("invalid_label: column 'outcome': 'maybe' is neither '1' nor '0'", quarantine[2][1]);
        Assert.StartsWith("malformed_quoting", quarantine[3][1], StringComparison.Ordinal);
        Assert.Equal(20, result.Metrics["rows_accepted"]);
        var validation = File.ReadAllText(workspace.At("data/02-preprocessed/validation.json"));
        Assert.Contains("\"wrong_field_count\": 1", validation, StringComparison.Ordinal);
        Assert.Contains("\"unparsable_number\": 1", validation, StringComparison.Ordinal);
        Assert.True(File.Exists(workspace.At("data/02-preprocessed/validation.md")));
    }

    /// <summary>A churn CSV of the shipped schema with <paramref name="lines"/> physical lines (header included), each passed through <paramref name="edit"/> with its 1-based line number.</summary>
    private static TestWorkspace ChurnWithEditedLines(int lines, Func<int, string, string> edit)
    {
        var workspace = TestWorkspace.WithChurn(rows: lines - 1);
        var csv = Path.Combine(workspace.RawDirectory, "churn.csv");
        var edited = File.ReadAllLines(csv).Select((line, index) => edit(index + 1, line)).ToList();
        Assert.Equal(lines, edited.Count);
        File.WriteAllText(csv, string.Join("\n", edited) + "\n");
        // The edit changes the file, so the generator's recorded hash no longer applies.
        File.Delete(Path.Combine(workspace.RawDirectory, "metadata.json"));
        return workspace;
    }

    [Fact]
    public async Task FailsNamingTheLineWhereAQuoteOpensAndNeverClosesAndHowManyLinesItWouldSwallow()
    {
        // The reported file: no other quotes anywhere, so the quote opened on line 900 runs to the end of the file.
        using var workspace = ChurnWithEditedLines(7044, (number, line) =>
        {
            var unquoted = line.Replace("\"", "", StringComparison.Ordinal).Replace(", ", " ", StringComparison.Ordinal);
            if (number != 900)
            {
                return unquoted;
            }

            var fields = unquoted.Split(',');
            fields[5] = "\"unterminated";
            return string.Join(",", fields);
        });
        var context = workspace.Context(TestWorkspace.ChurnYaml());

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal("data/01-raw/churn.csv:900: a quoted field opens here and is never closed; it would swallow the remaining 6,145 lines", error.Message);
        Assert.False(File.Exists(context.CleanCsv));
        Assert.False(File.Exists(context.QuarantineCsv));
        Assert.False(File.Exists(context.TrainCsv));
    }

    [Fact]
    public async Task QuarantinesOnlyTheLineOfAStrayQuoteThatALaterLineClosesAndAccountsForEveryLine()
    {
        // Line 900's label gains an opening quote; the next quote in the file is line 901's region, so the record would span two lines.
        string? strayLine = null;
        using var workspace = ChurnWithEditedLines(7044, (number, line) =>
            number == 900 ? strayLine = line[..line.LastIndexOf(',')] + ",\"" + line[(line.LastIndexOf(',') + 1)..] : line);
        var context = workspace.Context(TestWorkspace.ChurnYaml());

        var result = await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);

        var quarantine = ReadRows(context.QuarantineCsv);
        var stray = Assert.Single(quarantine, row => row[0] == "900");
        Assert.StartsWith("malformed_quoting: ", stray[1], StringComparison.Ordinal);
        Assert.Equal(strayLine, stray[2]);
        // Every data line is accepted (its id names its line) or quarantined on its own line: nothing is swallowed.
        var acceptedLines = ReadRows(context.CleanCsv).Select(row => int.Parse(row[0][1..], System.Globalization.CultureInfo.InvariantCulture) + 1);
        var quarantinedLines = quarantine.Select(row => int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(2, 7043), acceptedLines.Concat(quarantinedLines).Order());
        Assert.Equal(7043, result.Metrics["lines_read"]);
        Assert.Equal(quarantine.Count, result.Metrics["lines_quarantined"]);
    }

    [Fact]
    public async Task CountsEveryLineOfAQuarantinedMultiLineRecordAgainstTheRejectedLimit()
    {
        using var workspace = new TestWorkspace();
        // A legal three-line record (the quoted colour spans lines 22-24) whose label is invalid: one row, three lines.
        workspace.WriteRaw("small.csv", SmallCsv(20, "m1,1.5,\"red,\ndark,\nvery\",maybe"));
        var yaml = SmallYaml.Replace("max_rejected_fraction: 0.5", "max_rejected_fraction: 0.1", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(workspace.Context(yaml)).RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains("data/01-raw/small.csv: 1 of 21 rows rejected (3 of 23 lines, 13.04 %), above validation.max_rejected_fraction 0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsLinesReadQuarantinedAndBlankInTheValidationReportsAndTheSummary()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("small.csv", SmallCsv(20, "", "m1,1.5,\"red,\ndark\",maybe", "", "r21,2,blue,1"));

        var result = await new FeaturesStage(workspace.Context(SmallYaml)).RunAsync(TestContext.Current.CancellationToken);

        var validation = File.ReadAllText(workspace.At("data/02-preprocessed/validation.json"));
        Assert.Contains("\"lines_read\": 25", validation, StringComparison.Ordinal);
        Assert.Contains("\"lines_accepted\": 21", validation, StringComparison.Ordinal);
        Assert.Contains("\"lines_quarantined\": 2", validation, StringComparison.Ordinal);
        Assert.Contains("\"blank_lines\": 2", validation, StringComparison.Ordinal);
        Assert.Contains("- lines read: 25 (accepted 21, quarantined 2, blank 2)", File.ReadAllText(workspace.At("data/02-preprocessed/validation.md")), StringComparison.Ordinal);
        Assert.Equal(["23", "invalid_label: column 'outcome': 'maybe' is neither '1' nor '0'", "m1,1.5,\"red,\ndark\",maybe"], ReadRows(workspace.At("data/02-preprocessed/quarantine.csv"))[0]);
        Assert.Contains("25 lines read", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritesStratifiedSplitKeepingQuotedValuesAndBlankNumerics()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("small.csv", SmallCsv(40, "gap,,\"red, dark\",1"));

        await new FeaturesStage(workspace.Context(SmallYaml)).RunAsync(TestContext.Current.CancellationToken);

        var train = ReadRows(workspace.At("data/03-features/train.csv"));
        var test = ReadRows(workspace.At("data/03-features/test.csv"));
        Assert.Equal(41, train.Count + test.Count);
        Assert.Equal(5, test.Count(r => r[3] == "1"));
        Assert.Equal(5, test.Count(r => r[3] == "0"));
        Assert.All(train.Concat(test), r => Assert.Equal("red, dark", r[2]));
        Assert.Contains(train.Concat(test), r => r[0] == "gap" && r[1] == "");
        var schema = Schema.FeatureSchema.Load(workspace.At("data/03-features/features.json"));
        Assert.Equal([new Schema.FeatureColumn("x", FeatureKind.Numeric), new Schema.FeatureColumn("colour", FeatureKind.Categorical)], schema.Features);
    }

    [Fact]
    public async Task FailsWhenRejectedFractionIsOverTheLimitAndSaysWhy()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("small.csv", SmallCsv(10, "a,x,b,1", "c,y,d,0", "e,z,f,1"));
        var yaml = SmallYaml.Replace("max_rejected_fraction: 0.5", "max_rejected_fraction: 0.1", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(workspace.Context(yaml)).RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains("data/01-raw/small.csv: 3 of 13 rows rejected", error.Message, StringComparison.Ordinal);
        Assert.Contains("above validation.max_rejected_fraction 0.1 (unparsable_number 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("data/02-preprocessed/quarantine.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsNamingAConfiguredColumnMissingFromTheHeader()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("small.csv", "id,x,outcome\nr1,1,1\n");

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(workspace.Context(SmallYaml)).RunAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("data/01-raw/small.csv:1: column 'colour' named in the configuration is not in the header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsNamingAnUnlistedHeaderColumn()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("small.csv", "id,x,colour,outcome,surprise\nr1,1,red,1,?\n");

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(workspace.Context(SmallYaml)).RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains("column 'surprise' is not in the configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesRawDataWhoseHashDiffersFromMetadataAndNeverWritesRaw()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 500);
        var csv = Path.Combine(workspace.RawDirectory, "churn.csv");
        File.AppendAllText(csv, "C999999,F,0,no,1,monthly,bank,dsl,no,50,50,0,1,\"Cork, IE\",no\n");
        var before = FileHash.Sha256(csv);

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(workspace.Context(TestWorkspace.ChurnYaml())).RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
        Assert.Contains("data/01-raw/metadata.json", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, FileHash.Sha256(csv));
    }

    [Fact]
    public async Task FailsClearlyWhenTheRawDatasetIsMissing()
    {
        using var workspace = new TestWorkspace();

        var error = await Assert.ThrowsAsync<PipelineException>(() => new FeaturesStage(workspace.Context(SmallYaml)).RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal("data/01-raw/small.csv: raw dataset not found (dataset.path in config/test.yaml)", error.Message);
    }
}
