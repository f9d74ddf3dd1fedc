using Kiln.Pipeline.Schema;
using Kiln.Statistics.Binning;

namespace Kiln.Pipeline.Profiling;

/// <summary>What the second pass counts, decided from the first: each column's type, the numeric bins and histograms, the categorical features, the duplicated id hashes.</summary>
internal sealed class ProfilePlan
{
    private ProfilePlan(FeatureSchema schema, (string Inferred, string ProfiledAs, string? Note)[] classes)
    {
        Schema = schema;
        Classes = classes;
    }

    public FeatureSchema Schema { get; }

    /// <summary>Per column: the inferred type, how it is profiled and why.</summary>
    public (string Inferred, string ProfiledAs, string? Note)[] Classes { get; }

    public List<NumericColumnPlan> Numeric { get; } = [];

    public List<CategoricalDriftPlan> CategoricalDrift { get; } = [];

    public HashSet<ulong> DuplicateHashes { get; } = [];

    public Dictionary<string, long> DuplicateCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Plans the second pass.</summary>
    /// <param name="first">The first pass.</param>
    /// <param name="schema">The feature schema.</param>
    /// <param name="testMask">Whether each accepted row is in the test split.</param>
    public static ProfilePlan Create(FirstPassResult first, FeatureSchema schema, bool[] testMask)
    {
        var plan = new ProfilePlan(schema, [.. first.Columns.Select(c => c.Classify())]);
        for (var c = 0; c < first.Columns.Length; c++)
        {
            var column = first.Columns[c];
            if (column.Role == ColumnRole.Id)
            {
                continue;
            }

            if (plan.Classes[c].ProfiledAs == ColumnType.Numeric && column.Numbers > 0)
            {
                var isFeature = column.Role == ColumnRole.Numeric;
                var values = SampleValues(first, column, trainOnly: isFeature, testMask);
                plan.Numeric.Add(new NumericColumnPlan(c, FeatureBins.Numeric(column.Name, FeatureBins.QuantileEdges(values)), isFeature,
                    column.Moments.Minimum, column.Moments.Maximum, column.AllIntegers));
            }
            else if (column.Role == ColumnRole.Categorical)
            {
                plan.CategoricalDrift.Add(new CategoricalDriftPlan(c, column));
            }
        }

        var sorted = first.IdHashes.ToArray();
        Array.Sort(sorted);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                plan.DuplicateHashes.Add(sorted[i]);
            }
        }

        return plan;
    }

    /// <summary>The sorted non-missing sample values of a column, restricted to the training split for a feature.</summary>
    private static double[] SampleValues(FirstPassResult first, ColumnAccumulator column, bool trainOnly, bool[] testMask)
    {
        var numbers = column.SampleNumbers(first.Sampler.Count);
        var accepted = first.SlotAccepted;
        var values = new List<double>(numbers.Length);
        for (var slot = 0; slot < numbers.Length; slot++)
        {
            if (!double.IsNaN(numbers[slot]) && (!trainOnly || (accepted[slot] >= 0 && !testMask[accepted[slot]])))
            {
                values.Add(numbers[slot]);
            }
        }

        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }
}
