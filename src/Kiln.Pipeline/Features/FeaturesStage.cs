using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiln.Hashing;
using Kiln.Pipeline.Caching;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Stages;

namespace Kiln.Pipeline.Features;

/// <summary>Validates the raw CSV, quarantines bad rows, writes the clean data, its profile and the stratified train/test split.</summary>
/// <param name="context">The pipeline context.</param>
public sealed class FeaturesStage(PipelineContext context) : PipelineStage(context)
{
    /// <inheritdoc />
    public override string Name => "features";

    /// <inheritdoc />
    public override StageFingerprint Fingerprint() => new(
        [Context.Relative(Context.RawData.Dependency)],
        // The oracle side file only feeds Evaluate, so changing it must not rerun Features.
        ParametersStartingWith("dataset.", "validation.", "split.").Where(p => p.Key != "dataset.oracle").ToDictionary(),
        [.. new[] { Context.CleanCsv, Context.QuarantineCsv, Context.ValidationJson, Context.ValidationMarkdown, Context.TrainCsv, Context.TestCsv, Context.FeaturesJson }
            .Select(Context.Relative)]);

    /// <inheritdoc />
    protected override string MissingDependencyMessage(string dependency) => Context.RawData.MissingMessage(dependency);

    /// <inheritdoc />
    protected override Task<(IReadOnlyDictionary<string, double> Metrics, string Summary)> ExecuteAsync(CancellationToken cancellationToken)
    {
        var raw = Context.RawData.Fetch(cancellationToken);
        var rawName = Context.RawData.Name;
        if (!File.Exists(raw))
        {
            throw new DataValidationException($"{rawName}: raw dataset not found (dataset.path in {Context.Config.Source})");
        }

        var sha256 = VerifyMetadata(raw, rawName);
        var schema = FeatureSchema.From(Context.Config.Dataset);
        var counts = new ValidationCounts(schema);
        var labels = new List<bool>();
        var progress = Context.Reporter.Progress("validating " + rawName);
        var total = Math.Max(1, new FileInfo(raw).Length / 80);

        AtomicFile.WriteText(Context.CleanCsv, clean => AtomicFile.WriteText(Context.QuarantineCsv, quarantine =>
        {
            CsvWriter.WriteRow(clean, schema.CleanColumns());
            foreach (var row in ValidatingReader.Read(raw, rawName, schema, requireLabel: true, Context.Config.Dataset.Ignore, quarantine, counts))
            {
                WriteCleanRow(clean, schema, row);
                labels.Add(row.Label!.Value);
                if (counts.RowsRead % 5000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress.Report(Math.Min(0.99, (double)counts.RowsRead / total));
                }
            }
        }));
        progress.Report(1);

        counts.EnsureRejectedWithin(Context.Config.Validation.MaxRejectedFraction, rawName, Context.Relative(Context.QuarantineCsv));

        if (counts.Positives == 0 || counts.Negatives == 0)
        {
            throw new DataValidationException(
                $"{rawName}: every accepted row has label '{(counts.Positives == 0 ? schema.Negative : schema.Positive)}'; a binary model needs both '{schema.Positive}' and '{schema.Negative}'");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var split = Context.Config.Split;
        var testMask = StratifiedSplit.TestMask(labels, split.TestFraction, split.Seed, split.Stratify);
        var (trainRows, testRows) = WriteSplit(testMask);
        if (trainRows == 0 || testRows == 0)
        {
            throw new DataValidationException(
                $"{rawName}: {counts.Accepted} accepted rows give {trainRows} train and {testRows} test rows with split.test_fraction {split.TestFraction.ToString(CultureInfo.InvariantCulture)}; both splits need rows");
        }

        schema.Save(Context.FeaturesJson);
        WriteValidationReports(rawName, sha256, counts, trainRows, testRows);

        Context.Reporter.Info(
            $"{rawName}: {counts.RowsRead:N0} rows in {counts.LinesRead:N0} lines read, {counts.Accepted:N0} accepted, {counts.Rejected:N0} quarantined ({counts.LinesQuarantined:N0} lines), {counts.BlankLines:N0} blank lines; split {trainRows:N0} train / {testRows:N0} test");
        IReadOnlyDictionary<string, double> metrics = new Dictionary<string, double>
        {
            ["rows_read"] = counts.RowsRead,
            ["rows_accepted"] = counts.Accepted,
            ["rows_rejected"] = counts.Rejected,
            ["lines_read"] = counts.LinesRead,
            ["lines_quarantined"] = counts.LinesQuarantined,
            ["train_rows"] = trainRows,
            ["test_rows"] = testRows,
        };
        return Task.FromResult((metrics, $"{counts.Accepted:N0} of {counts.RowsRead:N0} rows accepted ({counts.Rejected:N0} quarantined, {counts.LinesQuarantined:N0} lines), {counts.LinesRead:N0} lines read, {trainRows:N0} train / {testRows:N0} test"));
    }

    private string VerifyMetadata(string raw, string rawName)
    {
        var sha256 = FileHash.Sha256(raw);
        var metadata = DatasetMetadata.TryLoad(Context.MetadataFile);
        if (metadata is not null && metadata.File == Path.GetFileName(raw) && !string.Equals(metadata.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new DataValidationException(
                $"{rawName}: sha256 {sha256} does not match {metadata.Sha256} recorded in {Context.Relative(Context.MetadataFile)}; the raw data was modified — restore it, or record the new hash in metadata.json if the change is intended");
        }

        return sha256;
    }

    private static void WriteCleanRow(TextWriter writer, FeatureSchema schema, ValidatedRow row)
    {
        var fields = new string[2 + row.Numeric.Length + row.Categorical.Length];
        fields[0] = row.Id;
        for (var i = 0; i < row.Numeric.Length; i++)
        {
            // Canonical round-trip text, so ML.NET's loader and ONNX scoring see the very same float.
            fields[1 + i] = float.IsNaN(row.Numeric[i]) ? "" : row.Numeric[i].ToString("R", CultureInfo.InvariantCulture);
        }

        row.Categorical.CopyTo(fields, 1 + row.Numeric.Length);
        fields[^1] = row.Label!.Value ? schema.Positive : schema.Negative;
        CsvWriter.WriteRow(writer, fields);
    }

    private (int Train, int Test) WriteSplit(bool[] testMask)
    {
        var train = 0;
        var test = 0;
        AtomicFile.WriteText(Context.TrainCsv, trainWriter => AtomicFile.WriteText(Context.TestCsv, testWriter =>
        {
            using var reader = CsvReader.Open(Context.CleanCsv, Context.Relative(Context.CleanCsv));
            var header = reader.ReadRecord()!;
            trainWriter.Write(header.Raw + "\n");
            testWriter.Write(header.Raw + "\n");
            var index = 0;
            while (reader.ReadRecord() is { } record)
            {
                var isTest = testMask[index++];
                (isTest ? testWriter : trainWriter).Write(record.Raw + "\n");
                _ = isTest ? test++ : train++;
            }
        }));
        return (train, test);
    }

    private void WriteValidationReports(string rawName, string sha256, ValidationCounts counts, int trainRows, int testRows)
    {
        var schema = FeatureSchema.From(Context.Config.Dataset);
        var report = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["file"] = rawName,
            ["sha256"] = sha256,
            ["rows_read"] = counts.RowsRead,
            ["rows_accepted"] = counts.Accepted,
            ["rows_rejected"] = counts.Rejected,
            ["lines_read"] = counts.LinesRead,
            ["lines_accepted"] = counts.LinesAccepted,
            ["lines_quarantined"] = counts.LinesQuarantined,
            ["blank_lines"] = counts.BlankLines,
            ["rejected_fraction"] = Math.Round(counts.RejectedFraction, 6),
            ["max_rejected_fraction"] = Context.Config.Validation.MaxRejectedFraction,
            ["rejected_by_reason"] = counts.RejectedByReason,
            ["missing_values"] = counts.MissingValues,
            ["label_balance"] = new SortedDictionary<string, object>(StringComparer.Ordinal)
            {
                [schema.Positive] = counts.Positives,
                [schema.Negative] = counts.Negatives,
                ["positive_rate"] = Math.Round((double)counts.Positives / counts.Accepted, 6),
            },
            ["split"] = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["train"] = trainRows, ["test"] = testRows },
        };
        AtomicFile.WriteAllText(Context.ValidationJson, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }) + "\n");

        var md = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Validation of {rawName}\n\n")
            .Append(CultureInfo.InvariantCulture, $"- sha256: `{sha256}`\n")
            .Append(CultureInfo.InvariantCulture, $"- rows read: {counts.RowsRead}, accepted: {counts.Accepted}, rejected: {counts.Rejected}\n")
            .Append(CultureInfo.InvariantCulture, $"- lines read: {counts.LinesRead} (accepted {counts.LinesAccepted}, quarantined {counts.LinesQuarantined}, blank {counts.BlankLines}); rejected fraction {counts.RejectedFraction:P2} of the data lines (limit {Context.Config.Validation.MaxRejectedFraction:P2})\n")
            .Append(CultureInfo.InvariantCulture, $"- label balance: {schema.Positive} {counts.Positives}, {schema.Negative} {counts.Negatives} (positive rate {(double)counts.Positives / counts.Accepted:P2})\n")
            .Append(CultureInfo.InvariantCulture, $"- split: {trainRows} train, {testRows} test\n\n")
            .Append("## Rejected rows by reason\n\n| reason | rows |\n|---|---:|\n");
        foreach (var (reason, count) in counts.RejectedByReason)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {reason} | {count} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\nEach rejected row is in `{Context.Relative(Context.QuarantineCsv)}` with its line number and reason.\n\n## Missing values per column\n\n| column | missing |\n|---|---:|\n");
        foreach (var (column, count) in counts.MissingValues)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {column} | {count} |\n");
        }

        AtomicFile.WriteAllText(Context.ValidationMarkdown, md.ToString());
    }
}
