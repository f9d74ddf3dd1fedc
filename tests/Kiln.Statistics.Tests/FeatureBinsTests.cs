using Kiln.Statistics.Binning;

namespace Kiln.Statistics.Tests;

public sealed class FeatureBinsTests
{
    [Fact]
    public void DecileEdgesOfOneToHundredSplitItIntoTenEqualBins()
    {
        var values = Enumerable.Range(1, 100).Select(v => (double)v).ToArray();

        var edges = FeatureBins.QuantileEdges(values);
        var bins = FeatureBins.Numeric("x", edges);
        var counts = new int[bins.Count];
        foreach (var value in values)
        {
            counts[bins.BinOf(value)]++;
        }

        Assert.Equal(9, edges.Length);
        Assert.Equal([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0], counts);
    }

    [Fact]
    public void RepeatedValuesGiveFewerBinsAndNeverAnEmptyOne()
    {
        // 85 % zeros and 15 % ones, like a 0/1 flag.
        var values = Enumerable.Repeat(0.0, 85).Concat(Enumerable.Repeat(1.0, 15)).ToArray();

        var bins = FeatureBins.Numeric("flag", FeatureBins.QuantileEdges(values));

        Assert.Equal([0.0], bins.Edges);
        Assert.Equal(["≤ 0", "> 0", "missing"], Enumerable.Range(0, bins.Count).Select(bins.Label));
    }

    [Fact]
    public void AValueOnAnEdgeFallsBelowItAndNaNIsMissing()
    {
        var bins = FeatureBins.Numeric("x", [10, 20]);

        Assert.Equal(0, bins.BinOf(10));
        Assert.Equal(1, bins.BinOf(10.0001));
        Assert.Equal(2, bins.BinOf(1e9));
        Assert.Equal(bins.MissingBin, bins.BinOf(double.NaN));
        Assert.Equal(["≤ 10", "10 – 20", "> 20", "missing"], Enumerable.Range(0, bins.Count).Select(bins.Label));
    }

    [Fact]
    public void AnUnlistedCategoryGoesToOtherAndTheEmptyStringToMissing()
    {
        var bins = FeatureBins.Categorical("contract", ["monthly", "annual"]);

        Assert.Equal(0, bins.BinOf("monthly"));
        Assert.Equal(bins.OtherBin, bins.BinOf("weekly"));
        Assert.Equal(bins.MissingBin, bins.BinOf(""));
        Assert.Equal(["monthly", "annual", "other", "missing"], Enumerable.Range(0, bins.Count).Select(bins.Label));
    }

    [Fact]
    public void TopCategoriesAreTheMostFrequentWithTiesByNameAndNoEmptyValue()
    {
        var counts = new Dictionary<string, long> { ["b"] = 5, ["a"] = 5, ["c"] = 9, [""] = 100, ["d"] = 1 };

        Assert.Equal(["c", "a", "b"], FeatureBins.TopCategories(counts, max: 3));
    }

    [Fact]
    public void RejectsEdgesThatAreNotStrictlyAscending()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureBins.Numeric("tenure", [5, 5]));

        Assert.Contains("tenure", error.Message, StringComparison.Ordinal);
    }
}
