using Kiln.Registry.Metrics;
using Kiln.Registry.Promotion;

namespace Kiln.Registry.Tests;

public sealed class PairedBootstrapTests
{
    private static readonly bool[] Labels = Synthetic.Labels(400);

    [Fact]
    public void IdenticalPredictionsGiveAnIntervalAroundZero()
    {
        var scores = Synthetic.Scores(Labels, 1.0, seed: 1);

        var interval = PairedBootstrap.DifferenceInterval("roc_auc", Labels, scores, scores, 500, 0.95, 42);

        Assert.True(interval.Contains(0));
        Assert.Equal(0, interval.Lower);
        Assert.Equal(0, interval.Upper);
    }

    [Fact]
    public void ClearlyBetterModelGivesAnIntervalAboveZero()
    {
        var strong = Synthetic.Scores(Labels, 2.5, seed: 1);
        var weak = Synthetic.Scores(Labels, 0.3, seed: 2);

        var interval = PairedBootstrap.DifferenceInterval("roc_auc", Labels, strong, weak, 500, 0.95, 42);

        Assert.True(interval.Lower > 0.1, $"lower bound {interval.Lower}");
        Assert.True(interval.Lower < RocAuc.Compute(Labels, strong) - RocAuc.Compute(Labels, weak));
        Assert.True(interval.Upper < 1);
    }

    [Fact]
    public void SameSeedGivesTheSameIntervalAndAnotherSeedDiffers()
    {
        var a = Synthetic.Scores(Labels, 1.0, seed: 1);
        var b = Synthetic.Scores(Labels, 1.1, seed: 2);

        var first = PairedBootstrap.DifferenceInterval("roc_auc", Labels, a, b, 300, 0.95, 7);
        var again = PairedBootstrap.DifferenceInterval("roc_auc", Labels, a, b, 300, 0.95, 7);
        var other = PairedBootstrap.DifferenceInterval("roc_auc", Labels, a, b, 300, 0.95, 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void LowerIsBetterMetricsGiveANegativeIntervalForTheBetterModel()
    {
        var strong = Synthetic.Scores(Labels, 2.5, seed: 1);
        var weak = Synthetic.Scores(Labels, 0.3, seed: 2);

        var interval = PairedBootstrap.DifferenceInterval("log_loss", Labels, strong, weak, 300, 0.9, 42);

        Assert.True(interval.Upper < 0, $"upper bound {interval.Upper}");
    }
}
