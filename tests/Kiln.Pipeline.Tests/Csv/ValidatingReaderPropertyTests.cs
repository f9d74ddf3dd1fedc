using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Schema;

namespace Kiln.Pipeline.Tests.Csv;

public sealed class ValidatingReaderPropertyTests
{
    private static readonly FeatureSchema Schema = FeatureSchema.From(
        new DatasetConfig("random.csv", null, "id", new LabelConfig("label", "1", "0"), ["x"], [], []));

    [Property(MaxTest = 300)]
    public Property AccountsForEveryLineAsAcceptedQuarantinedOrBlankOrFails() => Prop.ForAll(CsvText.Files.ToArbitrary(), text =>
    {
        using var workspace = new TestWorkspace();
        var path = Path.Combine(workspace.RawDirectory, "random.csv");
        File.WriteAllText(path, text);
        var expected = ReferenceCsv.Parse(text);
        var counts = new ValidationCounts(Schema);
        var quarantine = new StringWriter();

        var rows = new List<ValidatedRow>();
        var error = Record.Exception(() => rows.AddRange(ValidatingReader.Read(path, "random.csv", Schema, requireLabel: true, [], quarantine, counts)));

        if (expected.Unclosed is not null)
        {
            Assert.IsType<DataValidationException>(error);
            return;
        }

        Assert.Null(error);
        Assert.Equal(expected.TotalLines - 1, counts.LinesRead);
        Assert.Equal(expected.Records.Count - 1, counts.RowsRead);
        Assert.Equal(rows.Count, counts.Accepted);
        using var quarantined = CsvReader.FromText(quarantine.ToString());
        var quarantinedLines = quarantined.Records().Skip(1).Select(r => long.Parse(r.Fields[0], CultureInfo.InvariantCulture));
        // Each record after the header is accepted or quarantined under the line it starts on, and none twice.
        Assert.Equal(expected.Records.Skip(1).Select(r => r.Line), rows.Select(r => r.Line).Concat(quarantinedLines).Order());
    });
}
