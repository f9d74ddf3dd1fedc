using Kiln.Statistics.Binning;
using Kiln.Statistics.Sampling;

namespace Kiln.Statistics.Reference;

/// <summary>
/// Builds reference statistics from training rows in two passes with bounded memory: the first samples numeric values
/// (exact below <paramref name="sampleCapacity"/> rows) and counts categories to choose the bins, the second counts rows per bin.
/// </summary>
/// <param name="numeric">The numeric feature names, in the order values are passed.</param>
/// <param name="categorical">The categorical feature names, in the order values are passed.</param>
/// <param name="sampleCapacity">How many rows the quantile sample holds.</param>
public sealed class ReferenceStatisticsBuilder(IReadOnlyList<string> numeric, IReadOnlyList<string> categorical, int sampleCapacity = 65_536)
{
    // Categories beyond this many distinct values can never be among the top ones that get a bin, so they are not tracked.
    private const int MaxTrackedCategories = 100_000;

    private readonly ReservoirSampler _sampler = new(sampleCapacity);
    private readonly double[][] _sample = [.. numeric.Select(_ => new double[Math.Min(sampleCapacity, 1024)])];
    private readonly Dictionary<string, long>[] _categoryCounts = [.. categorical.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
    private FeatureBins[]? _bins;
    private long[][]? _counts;
    private long _rows;

    /// <summary>First pass: offers one training row (NaN and "" are missing values).</summary>
    /// <param name="numericValues">The numeric values, in <c>numeric</c> order.</param>
    /// <param name="categoricalValues">The normalised categories, in <c>categorical</c> order.</param>
    public void Sample(ReadOnlySpan<float> numericValues, ReadOnlySpan<string> categoricalValues)
    {
        if (_bins is not null)
        {
            throw new InvalidOperationException("the bins are already chosen; call Count for the second pass");
        }

        var slot = _sampler.Offer();
        if (slot >= 0)
        {
            for (var i = 0; i < _sample.Length; i++)
            {
                if (slot >= _sample[i].Length)
                {
                    Array.Resize(ref _sample[i], Math.Min(sampleCapacity, _sample[i].Length * 2));
                }

                _sample[i][slot] = numericValues[i];
            }
        }

        for (var i = 0; i < _categoryCounts.Length; i++)
        {
            var counts = _categoryCounts[i];
            var category = categoricalValues[i];
            if (counts.TryGetValue(category, out var count))
            {
                counts[category] = count + 1;
            }
            else if (counts.Count < MaxTrackedCategories)
            {
                counts[category] = 1;
            }
        }
    }

    /// <summary>Chooses the bins from the first pass: deciles of each numeric feature, the most frequent categories of each categorical one.</summary>
    public IReadOnlyList<FeatureBins> Bins()
    {
        if (_bins is not null)
        {
            return _bins;
        }

        var bins = new List<FeatureBins>(numeric.Count + categorical.Count);
        for (var i = 0; i < numeric.Count; i++)
        {
            var values = _sample[i].AsSpan(0, _sampler.Count).ToArray().Where(v => !double.IsNaN(v)).ToArray();
            Array.Sort(values);
            bins.Add(FeatureBins.Numeric(numeric[i], FeatureBins.QuantileEdges(values)));
        }

        for (var i = 0; i < categorical.Count; i++)
        {
            bins.Add(FeatureBins.Categorical(categorical[i], FeatureBins.TopCategories(_categoryCounts[i])));
        }

        _bins = [.. bins];
        _counts = [.. _bins.Select(b => new long[b.Count])];
        return _bins;
    }

    /// <summary>Second pass: counts one training row into its bins (the same rows, in any order).</summary>
    /// <param name="numericValues">The numeric values, in <c>numeric</c> order.</param>
    /// <param name="categoricalValues">The normalised categories, in <c>categorical</c> order.</param>
    public void Count(ReadOnlySpan<float> numericValues, ReadOnlySpan<string> categoricalValues)
    {
        var bins = Bins();
        var counts = _counts!;
        for (var i = 0; i < numericValues.Length; i++)
        {
            counts[i][bins[i].BinOf(numericValues[i])]++;
        }

        for (var i = 0; i < categoricalValues.Length; i++)
        {
            var feature = numericValues.Length + i;
            counts[feature][bins[feature].BinOf(categoricalValues[i])]++;
        }

        _rows++;
    }

    /// <summary>The statistics, features ordered as <paramref name="order"/> (the model's input order).</summary>
    /// <param name="order">Every feature name exactly once.</param>
    public ReferenceStatistics Build(IReadOnlyList<string> order)
    {
        var bins = Bins();
        var byName = bins.Select((b, i) => (b, i)).ToDictionary(p => p.b.Name, p => p.i, StringComparer.Ordinal);
        var features = order.Select(name =>
        {
            var index = byName.TryGetValue(name, out var found) ? found : throw new ArgumentException($"feature '{name}' was not sampled", nameof(order));
            var b = bins[index];
            return new FeatureReference(b.Name, b.Kind, [.. b.Edges], [.. b.Categories], [.. _counts![index]]);
        }).ToArray();
        return new ReferenceStatistics(ReferenceStatistics.CurrentVersion, _rows, features);
    }
}
