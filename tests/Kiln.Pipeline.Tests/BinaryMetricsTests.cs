using Kiln.Pipeline.Evaluation;
using Kiln.Registry.Metrics;

namespace Kiln.Pipeline.Tests;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void OnOneClassBothAreasAreUndefinedRatherThanAMadeUpNumber()
    {
        bool[] negatives = [false, false, false];
        float[] probabilities = [0.2f, 0.7f, 0.4f];

        var metrics = BinaryMetrics.Compute(negatives, probabilities, [false, true, false]);

        Assert.True(double.IsNaN(metrics[MetricNames.RocAuc]));
        Assert.True(double.IsNaN(metrics[MetricNames.PrAuc]));
        Assert.Equal(2.0 / 3, metrics[MetricNames.Accuracy], 12);
        Assert.True(double.IsNaN(BinaryMetrics.Compute([true, true], [0.2f, 0.9f], [false, true])[MetricNames.RocAuc]));
        Assert.Equal(1, BinaryMetrics.AveragePrecision([true, true], [0.2f, 0.9f]));
    }

    [Fact]
    public void MatchesHandComputedValuesOnFourRows()
    {
        bool[] labels = [true, false, true, false];
        float[] probabilities = [0.9f, 0.8f, 0.7f, 0.1f];

        var metrics = BinaryMetrics.Compute(labels, probabilities, [true, true, true, false]);

        // Three of four positive/negative pairs are ordered right; AP steps recall 0.5 at precision 1 and 1.0 at precision 2/3.
        Assert.Equal(0.75, metrics[MetricNames.RocAuc], 6);
        Assert.Equal(0.5 + (0.5 * 2 / 3), metrics[MetricNames.PrAuc], 6);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.2) + Math.Log(0.7) + Math.Log(0.9)) / 4, metrics[MetricNames.LogLoss], 6);
        Assert.Equal((0.01 + 0.64 + 0.09 + 0.01) / 4, metrics[MetricNames.BrierScore], 6);
        Assert.Equal(RocAuc.Compute(labels, [0.9, 0.8, 0.7, 0.1]), metrics[MetricNames.RocAuc]);
    }
}
