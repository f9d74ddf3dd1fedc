using Kiln.Statistics.Binning;
using Kiln.Statistics.Reference;

namespace Kiln.Statistics.Tests;

public sealed class ReferenceStatisticsTests
{
    [Fact]
    public void BuilderChoosesDecilesAndTopCategoriesAndCountsEveryRow()
    {
        var builder = new ReferenceStatisticsBuilder(["tenure"], ["contract"]);
        var rows = Enumerable.Range(1, 1000).Select(i => (Tenure: i % 100 == 0 ? float.NaN : i, Contract: i % 10 == 0 ? "" : i % 3 == 0 ? "annual" : "monthly")).ToArray();
        foreach (var (tenure, contract) in rows)
        {
            builder.Sample([tenure], [contract]);
        }

        foreach (var (tenure, contract) in rows)
        {
            builder.Count([tenure], [contract]);
        }

        var statistics = builder.Build(["contract", "tenure"]);

        Assert.Equal(1000, statistics.Rows);
        Assert.Equal(["contract", "tenure"], statistics.Features.Select(f => f.Name));
        var tenureFeature = statistics.Features[1];
        Assert.Equal(BinningKind.Numeric, tenureFeature.Kind);
        Assert.Equal(9, tenureFeature.Edges.Count);
        Assert.Equal(10, tenureFeature.Counts[^1]);
        Assert.All(tenureFeature.Counts.Take(10), c => Assert.InRange(c, 98, 100));
        var contractFeature = statistics.Features[0];
        Assert.Equal(["monthly", "annual"], contractFeature.Categories);
        Assert.Equal(1000, contractFeature.Counts.Sum());
        Assert.Equal(0, contractFeature.Counts[2]);
        Assert.Equal(100, contractFeature.Counts[3]);
    }

    [Fact]
    public void JsonRoundTripsToTheSameStatisticsAndTheSameBytes()
    {
        var statistics = new ReferenceStatistics(1, 3,
        [
            new FeatureReference("charges", BinningKind.Numeric, [20.5, 70.25], [], [1, 1, 1, 0]),
            new FeatureReference("contract", BinningKind.Categorical, [], ["monthly"], [2, 1, 0]),
        ]);

        var json = statistics.ToJson();
        var read = ReferenceStatistics.Parse(json);

        Assert.Contains("\"kind\":\"Numeric\"", json, StringComparison.Ordinal);
        Assert.Equal(json, read.ToJson());
        Assert.Equal([20.5, 70.25], read.Features[0].ToBins().Edges);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("null", "empty")]
    [InlineData("""{"version":2,"rows":1,"features":[]}""", "format version 2")]
    [InlineData("""{"version":1,"rows":1,"features":[]}""", "no feature")]
    [InlineData("""{"version":1,"rows":1,"features":[{"name":"x","kind":"Numeric","edges":[1],"categories":[],"counts":[1,0]}]}""", "feature 'x' has 2 counts for 3 bins")]
    [InlineData("""{"version":1,"rows":1,"features":[{"name":"x","kind":"Numeric","edges":[2,1],"categories":[],"counts":[1,0,0,0]}]}""", "strictly ascending")]
    public void RejectsStatisticsItCannotUseAndSaysWhy(string json, string expected)
    {
        var error = Assert.Throws<ReferenceStatisticsException>(() => ReferenceStatistics.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
