using System.Collections.Frozen;
using System.Globalization;
using Kiln.Statistics.Summaries;

namespace Kiln.Statistics.Binning;

/// <summary>
/// The bins of one feature, shared by the data profile, the model's reference statistics and the service's drift monitor.
/// Numeric: value bins split at <see cref="Edges"/> (a value equal to an edge falls below it), then "missing".
/// Categorical: one bin per listed category, then "other" (any category not listed, including ones never seen), then "missing".
/// </summary>
public sealed class FeatureBins
{
    /// <summary>How many quantile bins numeric features get (deciles).</summary>
    public const int DefaultNumericBins = 10;

    /// <summary>How many categories get a bin of their own; the rest share "other".</summary>
    public const int DefaultMaxCategories = 20;

    private readonly double[] _edges;
    private readonly FrozenDictionary<string, int> _categoryIndex;

    private FeatureBins(string name, BinningKind kind, double[] edges, string[] categories)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
        _edges = edges;
        Categories = categories;
        _categoryIndex = categories.Select((category, index) => (category, index)).ToFrozenDictionary(c => c.category, c => c.index, StringComparer.Ordinal);
        Count = kind == BinningKind.Numeric ? edges.Length + 2 : categories.Length + 2;
    }

    /// <summary>The feature (column) name.</summary>
    public string Name { get; }

    /// <summary>Numeric or categorical.</summary>
    public BinningKind Kind { get; }

    /// <summary>The ascending cut points of a numeric feature (empty for a categorical one).</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>The categories with a bin of their own (empty for a numeric feature).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The number of bins, "other" and "missing" included.</summary>
    public int Count { get; }

    /// <summary>The index of the "missing" bin (always the last).</summary>
    public int MissingBin => Count - 1;

    /// <summary>The index of the "other" bin of a categorical feature, or -1 for a numeric one.</summary>
    public int OtherBin => Kind == BinningKind.Categorical ? Count - 2 : -1;

    /// <summary>Creates numeric bins from cut points.</summary>
    /// <param name="name">The feature name.</param>
    /// <param name="edges">Strictly ascending, finite cut points.</param>
    public static FeatureBins Numeric(string name, IEnumerable<double> edges)
    {
        var cuts = edges.ToArray();
        for (var i = 0; i < cuts.Length; i++)
        {
            if (!double.IsFinite(cuts[i]) || (i > 0 && cuts[i] <= cuts[i - 1]))
            {
                throw new ArgumentException($"feature '{name}': bin edges must be finite and strictly ascending, got [{string.Join(", ", cuts.Select(c => c.ToString("R", CultureInfo.InvariantCulture)))}]", nameof(edges));
            }
        }

        return new FeatureBins(name, BinningKind.Numeric, cuts, []);
    }

    /// <summary>Creates categorical bins from the categories that get a bin of their own.</summary>
    /// <param name="name">The feature name.</param>
    /// <param name="categories">Distinct, non-empty categories.</param>
    public static FeatureBins Categorical(string name, IEnumerable<string> categories)
    {
        var list = categories.ToArray();
        if (list.Any(string.IsNullOrEmpty) || list.Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new ArgumentException($"feature '{name}': categories must be distinct and non-empty", nameof(categories));
        }

        return new FeatureBins(name, BinningKind.Categorical, [], list);
    }

    /// <summary>Quantile cut points (deciles by default) of a sorted sample of non-missing values; repeated values give fewer bins, never empty ones.</summary>
    /// <param name="sorted">The values, ascending, without NaN.</param>
    /// <param name="bins">The number of quantile bins wanted.</param>
    public static double[] QuantileEdges(ReadOnlySpan<double> sorted, int bins = DefaultNumericBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var edges = new List<double>(bins - 1);
        if (sorted.IsEmpty)
        {
            return [];
        }

        var maximum = sorted[^1];
        for (var i = 1; i < bins; i++)
        {
            var edge = Quantiles.Of(sorted, (double)i / bins);
            // An edge at the maximum would leave the top bin empty; a repeated edge would make an empty bin.
            if (edge < maximum && (edges.Count == 0 || edge > edges[^1]))
            {
                edges.Add(edge);
            }
        }

        return [.. edges];
    }

    /// <summary>The most frequent non-empty categories, most frequent first (ties by ordinal name), at most <paramref name="max"/>.</summary>
    /// <param name="counts">Each category's count.</param>
    /// <param name="max">How many to keep.</param>
    public static string[] TopCategories(IEnumerable<KeyValuePair<string, long>> counts, int max = DefaultMaxCategories) =>
        [.. counts.Where(c => c.Key.Length > 0 && c.Value > 0)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(max).Select(c => c.Key)];

    /// <summary>The bin of a number; NaN goes to "missing".</summary>
    /// <param name="value">The value.</param>
    public int BinOf(double value)
    {
        if (double.IsNaN(value))
        {
            return MissingBin;
        }

        // Few edges (at most nine by default): a linear scan beats a binary search here.
        var edges = _edges;
        var i = 0;
        while (i < edges.Length && value > edges[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>The bin of a normalised category; the empty string goes to "missing", an unlisted category to "other".</summary>
    /// <param name="category">The category, already trimmed as training saw it.</param>
    public int BinOf(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return category.Length == 0 ? MissingBin : _categoryIndex.TryGetValue(category, out var index) ? index : OtherBin;
    }

    /// <summary>A readable label of a bin, e.g. "≤ 12", "12 – 30", "> 65", "monthly", "other" or "missing".</summary>
    /// <param name="bin">The bin index.</param>
    public string Label(int bin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bin, Count);
        if (bin == MissingBin)
        {
            return "missing";
        }

        if (Kind == BinningKind.Categorical)
        {
            return bin == OtherBin ? "other" : Categories[bin];
        }

        static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
        return _edges.Length == 0 ? "all values"
            : bin == 0 ? $"≤ {Format(_edges[0])}"
            : bin == _edges.Length ? $"> {Format(_edges[^1])}"
            : $"{Format(_edges[bin - 1])} – {Format(_edges[bin])}";
    }
}
