using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Schema;
using Kiln.Statistics.Hashing;
using Kiln.Statistics.Sampling;

namespace Kiln.Pipeline.Profiling;

/// <summary>
/// Profiles a raw CSV in two streaming passes. The first counts every column (missing, distinct, numbers, categories and
/// their label rates), validates each row as the Features stage does and keeps a uniform sample of rows; the split is then
/// made exactly as Features makes it. The second pass counts histograms, label rates per bin and train/test rows per bin.
/// Memory is bounded except for one flag and one 8-byte id hash per row (duplicate ids, the split).
/// </summary>
/// <param name="dataset">The dataset section of the configuration.</param>
/// <param name="split">The split section, so the train/test comparison uses the Features stage's split.</param>
/// <param name="sampleCapacity">How many rows the sample holds (quantiles, correlations, associations, leakage).</param>
public sealed class DataProfiler(DatasetConfig dataset, SplitConfig split, int sampleCapacity = DataProfiler.DefaultSampleRows)
{
    /// <summary>The default sample size: statistics of files up to this many rows are exact.</summary>
    public const int DefaultSampleRows = 65_536;

    /// <summary>Profiles <paramref name="path"/>; throws <see cref="DataValidationException"/> for an empty, header-only or unusable file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="displayName">The name used in messages and in the profile.</param>
    /// <param name="sha256">The file's sha256, recorded in the profile.</param>
    /// <param name="progress">Receives 0..1.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public DatasetProfile Profile(string path, string displayName, string sha256, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new DataValidationException($"{displayName}: file not found");
        }

        var schema = FeatureSchema.From(dataset);
        var approximateRecords = Math.Max(1, new FileInfo(path).Length / 80);
        var first = FirstPass(path, displayName, schema, approximateRecords, progress, cancellationToken);
        var testMask = StratifiedSplit.TestMask(first.AcceptedLabels, split.TestFraction, split.Seed, split.Stratify);
        var plan = ProfilePlan.Create(first, schema, testMask);
        SecondPass(path, first, plan, testMask, approximateRecords, progress, cancellationToken);
        progress?.Report(1);
        return ProfileAssembler.Assemble(displayName, sha256, schema, first, plan, testMask, split);
    }

    private FirstPassResult FirstPass(string path, string displayName, FeatureSchema schema, long approximateRecords, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var reader = CsvReader.Open(path);
        var header = reader.ReadRecord();
        var validator = RowValidator.ForHeader(schema, header, displayName, requireLabel: true, dataset.Ignore);
        var names = header!.Fields.Select(f => f.Trim()).ToArray();
        var columns = names.Select(name => new ColumnAccumulator(name, RoleOf(name))).ToArray();
        var numericIndex = names.Select(name => schema.Numeric.ToList().IndexOf(name)).ToArray();
        var result = new FirstPassResult(names, columns, new ReservoirSampler(sampleCapacity), Array.IndexOf(names, schema.Label), Array.IndexOf(names, schema.Id));
        foreach (var record in ReadAhead.Of(reader.Records(), cancellationToken))
        {
            if (++result.Records % 8192 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(Math.Min(0.49, 0.5 * result.Records / approximateRecords));
            }

            var row = validator.Validate(record, out var rejection);
            result.Accepted.Add(row is not null);
            if (row is not null)
            {
                result.AcceptedLabels.Add(row.Label!.Value);
            }
            else
            {
                result.RejectedByReason[rejection!.Kind] = result.RejectedByReason.GetValueOrDefault(rejection.Kind) + 1;
            }

            var fields = record.Fields;
            if (record.Error is not null || fields.Length != names.Length)
            {
                result.Malformed++;
                continue;
            }

            var label = result.CountLabel(fields[result.LabelIndex], schema);
            var slot = result.Sampler.Offer();
            if (slot >= 0)
            {
                result.SetSlot(slot, label, row is null ? -1 : result.AcceptedLabels.Count - 1);
            }

            for (var c = 0; c < columns.Length; c++)
            {
                // An accepted row's numeric features were parsed by the validator already.
                var numeric = row is null ? -1 : numericIndex[c];
                if (numeric >= 0)
                {
                    columns[c].AddParsed(fields[c], row!.Numeric[numeric], label, slot);
                }
                else
                {
                    columns[c].Add(fields[c], label, slot);
                }
            }

            result.IdHashes.Add(StableHash.Of(fields[result.IdIndex].AsSpan().Trim()));
        }

        if (result.Records == 0)
        {
            throw new DataValidationException($"{displayName}: the file has a header but no data rows; there is nothing to profile");
        }

        if (result.Records == result.Malformed)
        {
            throw new DataValidationException(
                $"{displayName}: all {result.Records:N0} data rows are malformed (wrong number of fields or broken quoting; the header has {names.Length} columns); there is nothing to profile");
        }

        return result;
    }

    private static void SecondPass(string path, FirstPassResult first, ProfilePlan plan, bool[] testMask, long approximateRecords, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var reader = CsvReader.Open(path);
        reader.ReadRecord();
        var recordIndex = 0;
        var acceptedIndex = 0;
        var columnCount = first.Names.Length;
        foreach (var record in ReadAhead.Of(reader.Records(), cancellationToken))
        {
            if (recordIndex % 8192 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(Math.Min(0.99, 0.5 + 0.5 * recordIndex / approximateRecords));
            }

            var accepted = first.Accepted[recordIndex++];
            var side = accepted ? (testMask[acceptedIndex++] ? 1 : 0) : -1;
            var fields = record.Fields;
            if (record.Error is not null || fields.Length != columnCount)
            {
                continue;
            }

            var label = FirstPassResult.LabelOf(fields[first.LabelIndex], plan.Schema);
            foreach (var numeric in plan.Numeric)
            {
                numeric.Count(fields[numeric.Column], label, side);
            }

            foreach (var categorical in plan.CategoricalDrift)
            {
                if (side >= 0)
                {
                    categorical.Count(fields[categorical.Column], side);
                }
            }

            if (plan.DuplicateHashes.Count > 0)
            {
                var id = fields[first.IdIndex].Trim();
                if (plan.DuplicateHashes.Contains(StableHash.Of(id)))
                {
                    plan.DuplicateCounts[id] = plan.DuplicateCounts.GetValueOrDefault(id) + 1;
                }
            }
        }
    }

    private string RoleOf(string column) =>
        column == dataset.Id ? ColumnRole.Id
        : column == dataset.Label.Column ? ColumnRole.Label
        : dataset.Numeric.Contains(column, StringComparer.Ordinal) ? ColumnRole.Numeric
        : dataset.Categorical.Contains(column, StringComparer.Ordinal) ? ColumnRole.Categorical
        : dataset.Ignore.Contains(column, StringComparer.Ordinal) ? ColumnRole.Ignored
        : ColumnRole.Unconfigured;
}
