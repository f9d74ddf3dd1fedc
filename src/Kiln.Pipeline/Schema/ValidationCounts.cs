using System.Globalization;
using Kiln.Pipeline.Data;

namespace Kiln.Pipeline.Schema;

/// <summary>Running counts of a validated file: rows and physical lines read, accepted and rejected, missing values and label balance.</summary>
/// <param name="schema">The schema whose columns are counted.</param>
public sealed class ValidationCounts(FeatureSchema schema)
{
    private readonly long[] _missingNumeric = new long[schema.Numeric.Count];
    private readonly long[] _missingCategorical = new long[schema.Categorical.Count];

    /// <summary>Data rows read (header excluded).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows that passed validation.</summary>
    public long Accepted { get; private set; }

    /// <summary>Rows quarantined.</summary>
    public long Rejected => RowsRead - Accepted;

    /// <summary>Physical lines other than the header's: every line of every row, plus blank lines.</summary>
    public long LinesRead => LinesAccepted + LinesQuarantined + BlankLines;

    /// <summary>Physical lines of accepted rows.</summary>
    public long LinesAccepted { get; private set; }

    /// <summary>Physical lines of quarantined rows, including every line a multi-line row swallowed.</summary>
    public long LinesQuarantined { get; private set; }

    /// <summary>Blank lines, which hold no row and are skipped.</summary>
    public long BlankLines { get; private set; }

    /// <summary>Rejected rows per reason category, sorted by name.</summary>
    public SortedDictionary<string, long> RejectedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Accepted rows labelled positive.</summary>
    public long Positives { get; private set; }

    /// <summary>Accepted rows labelled negative.</summary>
    public long Negatives { get; private set; }

    /// <summary>The fraction of data lines (blank ones aside) that were quarantined, so a row that swallowed many lines counts for all of them.</summary>
    public double RejectedFraction => LinesAccepted + LinesQuarantined == 0 ? 0 : (double)LinesQuarantined / (LinesAccepted + LinesQuarantined);

    /// <summary>Missing values per feature column among accepted rows, in schema order.</summary>
    public IReadOnlyDictionary<string, long> MissingValues =>
        schema.Numeric.Select((name, i) => (name, count: _missingNumeric[i]))
            .Concat(schema.Categorical.Select((name, i) => (name, count: _missingCategorical[i])))
            .ToDictionary(c => c.name, c => c.count);

    /// <summary>Counts an accepted row.</summary>
    /// <param name="row">The row.</param>
    /// <param name="lines">The physical lines it occupies.</param>
    public void Accept(ValidatedRow row, int lines)
    {
        ArgumentNullException.ThrowIfNull(row);
        RowsRead++;
        Accepted++;
        LinesAccepted += lines;
        for (var i = 0; i < row.Numeric.Length; i++)
        {
            _missingNumeric[i] += float.IsNaN(row.Numeric[i]) ? 1 : 0;
        }

        for (var i = 0; i < row.Categorical.Length; i++)
        {
            _missingCategorical[i] += row.Categorical[i].Length == 0 ? 1 : 0;
        }

        Positives += row.Label == true ? 1 : 0;
        Negatives += row.Label == false ? 1 : 0;
    }

    /// <summary>Counts a rejected row.</summary>
    /// <param name="rejection">The rejection.</param>
    /// <param name="lines">The physical lines it occupies.</param>
    public void Reject(RowRejection rejection, int lines)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        RowsRead++;
        LinesQuarantined += lines;
        RejectedByReason[rejection.Kind] = RejectedByReason.GetValueOrDefault(rejection.Kind) + 1;
    }

    /// <summary>Counts blank lines the reader skipped.</summary>
    /// <param name="count">How many.</param>
    public void AddBlankLines(long count) => BlankLines += count;

    /// <summary>Fails when more than <paramref name="maximum"/> of the data lines were quarantined, naming the counts, the reasons and the quarantine file.</summary>
    /// <param name="maximum">validation.max_rejected_fraction.</param>
    /// <param name="file">The validated file, as shown to the user.</param>
    /// <param name="quarantine">The quarantine file, as shown to the user.</param>
    public void EnsureRejectedWithin(double maximum, string file, string quarantine)
    {
        if (RejectedFraction <= maximum)
        {
            return;
        }

        var reasons = string.Join(", ", RejectedByReason.Select(r => $"{r.Key} {r.Value}"));
        throw new DataValidationException(string.Create(
            CultureInfo.InvariantCulture,
            $"{file}: {Rejected} of {RowsRead} rows rejected ({LinesQuarantined} of {LinesAccepted + LinesQuarantined} lines, {RejectedFraction:P2}), above validation.max_rejected_fraction {maximum} ({reasons}); see {quarantine}"));
    }
}
