using Kiln.Statistics.Binning;

namespace Kiln.Pipeline.Profiling;

/// <summary>Second-pass counters of a categorical feature: rows per category in each split, binned afterwards by the training split's most frequent categories.</summary>
/// <param name="column">The column's index in the header.</param>
/// <param name="accumulator">The column's first-pass state, whose category ids are reused.</param>
internal sealed class CategoricalDriftPlan(int column, ColumnAccumulator accumulator)
{
    private readonly long[][] _byId = [new long[accumulator.CategoryNames.Count], new long[accumulator.CategoryNames.Count]];
    private readonly long[] _untracked = new long[2];
    private readonly long[] _missing = new long[2];

    public int Column { get; } = column;

    public string Name => accumulator.Name;

    /// <summary>Counts one field of an accepted row.</summary>
    /// <param name="raw">The field as read.</param>
    /// <param name="side">0 train, 1 test.</param>
    public void Count(string raw, int side)
    {
        var text = Kiln.Inference.FeatureValues.NormalizeCategory(raw);
        if (text.Length == 0)
        {
            _missing[side]++;
            return;
        }

        var id = accumulator.IdOf(text);
        if (id < 0)
        {
            _untracked[side]++;
        }
        else
        {
            _byId[side][id]++;
        }
    }

    /// <summary>The training split's bins (as the model's reference statistics choose them) and the rows per bin on each side.</summary>
    public (FeatureBins Bins, long[] Train, long[] Test) Binned()
    {
        var names = accumulator.CategoryNames;
        var bins = FeatureBins.Categorical(Name, FeatureBins.TopCategories(names.Select((name, id) => KeyValuePair.Create(name, _byId[0][id]))));
        var sides = new[] { new long[bins.Count], new long[bins.Count] };
        for (var side = 0; side < 2; side++)
        {
            for (var id = 0; id < names.Count; id++)
            {
                sides[side][bins.BinOf(names[id])] += _byId[side][id];
            }

            sides[side][bins.OtherBin] += _untracked[side];
            sides[side][bins.MissingBin] += _missing[side];
        }

        return (bins, sides[0], sides[1]);
    }
}
