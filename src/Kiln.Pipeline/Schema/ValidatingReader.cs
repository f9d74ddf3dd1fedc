using System.Globalization;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Schema;

/// <summary>Streams a CSV file through the row validator, writing rejected rows to a quarantine writer (line,reason,raw) and counting every physical line.</summary>
public static class ValidatingReader
{
    /// <summary>Yields the held-out test split (data/03-features/test.csv) as validated, labelled rows.</summary>
    /// <param name="context">The pipeline whose test split to read.</param>
    /// <param name="schema">The feature schema.</param>
    public static IEnumerable<ValidatedRow> ReadTestSplit(PipelineContext context, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Read(context.TestCsv, context.Relative(context.TestCsv), schema, requireLabel: true,
            allowedExtraColumns: null, quarantine: null, new ValidationCounts(schema));
    }

    /// <summary>Yields every valid row, quarantining the others and counting both.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="displayName">The file name used in messages.</param>
    /// <param name="schema">The feature schema.</param>
    /// <param name="requireLabel">True when the label column must be present.</param>
    /// <param name="allowedExtraColumns">Known columns to ignore; null accepts any extra column.</param>
    /// <param name="quarantine">Receives quarantine rows (header written first); null drops them.</param>
    /// <param name="counts">Receives the counts.</param>
    public static IEnumerable<ValidatedRow> Read(
        string path,
        string displayName,
        FeatureSchema schema,
        bool requireLabel,
        IReadOnlyCollection<string>? allowedExtraColumns,
        TextWriter? quarantine,
        ValidationCounts counts)
    {
        if (!File.Exists(path))
        {
            throw new PipelineException($"{displayName}: file not found");
        }

        using var reader = CsvReader.Open(path, displayName);
        var validator = RowValidator.ForHeader(schema, reader.ReadRecord(), displayName, requireLabel, allowedExtraColumns);
        if (quarantine is not null)
        {
            CsvWriter.WriteRow(quarantine, ["line", "reason", "raw"]);
        }

        while (reader.ReadRecord() is { } record)
        {
            var row = validator.Validate(record, out var rejection);
            if (row is not null)
            {
                counts.Accept(row, record.LineCount);
                yield return row;
            }
            else
            {
                counts.Reject(rejection!, record.LineCount);
                if (quarantine is not null)
                {
                    CsvWriter.WriteRow(quarantine, [rejection!.Line.ToString(CultureInfo.InvariantCulture), $"{rejection.Kind}: {rejection.Reason}", rejection.Raw]);
                }
            }
        }

        counts.AddBlankLines(reader.BlankLines);
    }
}
