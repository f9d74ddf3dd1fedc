using Kiln.Statistics.Drift;

namespace Kiln.Statistics.Tests;

public sealed class PopulationStabilityTests
{
    [Fact]
    public void IsZeroForTheSameSharesWhateverTheRowCounts()
    {
        Assert.Equal(0, PopulationStability.Index([100, 300, 600], [10, 30, 60]), 12);
    }

    [Fact]
    public void MatchesTheFormulaComputedByHand()
    {
        // Shares 0.5/0.5 against 0.8/0.2: (0.8-0.5)·ln(1.6) + (0.2-0.5)·ln(0.4).
        var expected = 0.3 * Math.Log(1.6) + -0.3 * Math.Log(0.4);

        Assert.Equal(expected, PopulationStability.Index([50, 50], [80, 20]), 12);
    }

    [Fact]
    public void AnEmptyBinOnOneSideGivesALargeFiniteIndex()
    {
        var psi = PopulationStability.Index([50, 50, 0], [40, 40, 20]);

        Assert.True(double.IsFinite(psi));
        Assert.True(psi > PopulationStability.DriftedThreshold, $"PSI {psi}");
    }

    [Fact]
    public void IsNaNWhenEitherSideHasNoRows()
    {
        Assert.True(double.IsNaN(PopulationStability.Index([0, 0], [1, 2])));
        Assert.True(double.IsNaN(PopulationStability.Index([1, 2], [0, 0])));
    }

    [Theory]
    [InlineData(0.05, "stable")]
    [InlineData(0.15, "moderate")]
    [InlineData(0.2, "drifted")]
    [InlineData(double.NaN, "unknown")]
    public void DescribesTheIndexInWords(double psi, string expected) => Assert.Equal(expected, PopulationStability.Describe(psi));
}
