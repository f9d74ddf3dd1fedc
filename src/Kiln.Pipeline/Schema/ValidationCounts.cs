namespace Kiln.Pipeline.Schema;

/// <summary>Running counts of a validated file: rows read, accepted, rejected by reason, missing values and label balance.</summary>
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

    /// <summary>Rejected rows per reason category, sorted by name.</summary>
    public SortedDictionary<string, long> RejectedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Accepted rows labelled positive.</summary>
    public long Positives { get; private set; }

    /// <summary>Accepted rows labelled negative.</summary>
    public long Negatives { get; private set; }

    /// <summary>The fraction of rows read that were rejected.</summary>
    public double RejectedFraction => RowsRead == 0 ? 0 : (double)Rejected / RowsRead;

    /// <summary>Missing values per feature column among accepted rows, in schema order.</summary>
    public IReadOnlyDictionary<string, long> MissingValues =>
        schema.Numeric.Select((name, i) => (name, count: _missingNumeric[i]))
            .Concat(schema.Categorical.Select((name, i) => (name, count: _missingCategorical[i])))
            .ToDictionary(c => c.name, c => c.count);

    /// <summary>Counts an accepted row.</summary>
    /// <param name="row">The row.</param>
    public void Accept(ValidatedRow row)
    {
        RowsRead++;
        Accepted++;
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
    public void Reject(RowRejection rejection)
    {
        RowsRead++;
        RejectedByReason[rejection.Kind] = RejectedByReason.GetValueOrDefault(rejection.Kind) + 1;
    }
}
