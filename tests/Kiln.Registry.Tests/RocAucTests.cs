using Kiln.Registry.Metrics;

namespace Kiln.Registry.Tests;

public sealed class RocAucTests
{
    [Theory]
    [InlineData(new[] { true, false, true, false }, new[] { 0.9, 0.8, 0.7, 0.1 }, 0.75)]
    [InlineData(new[] { true, true, false, false }, new[] { 0.9, 0.8, 0.2, 0.1 }, 1.0)]
    [InlineData(new[] { true, true, false, false }, new[] { 0.1, 0.2, 0.8, 0.9 }, 0.0)]
    [InlineData(new[] { true, false }, new[] { 0.5, 0.5 }, 0.5)]
    [InlineData(new[] { true, true, false, false }, new[] { 0.8, 0.5, 0.5, 0.2 }, 0.875)]
    [InlineData(new[] { true, false, false, true, false }, new[] { 0.3, 0.3, 0.3, 0.9, 0.1 }, 0.833333333333333)]
    public void MatchesHandCountedPairsWithTiesCountingHalf(bool[] labels, double[] scores, double expected)
    {
        Assert.Equal(expected, RocAuc.Compute(labels, scores), 12);
    }

    [Fact]
    public void IsUndefinedWhenOnlyOneClassIsPresent()
    {
        Assert.True(double.IsNaN(RocAuc.Compute([true, true], [0.1, 0.9])));
    }

    [Fact]
    public void AgreesWithCountingEveryPairOnRandomDataWithManyTies()
    {
        var labels = Synthetic.Labels(300, seed: 3);
        var scores = Synthetic.Scores(labels, 0.8, seed: 4).Select(s => Math.Round(s, 1)).ToArray();

        double concordant = 0, pairs = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            for (var j = 0; j < labels.Length; j++)
            {
                if (labels[i] && !labels[j])
                {
                    pairs++;
                    concordant += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        Assert.Equal(concordant / pairs, RocAuc.Compute(labels, scores), 12);
    }
}
