using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Evaluation;

namespace Kiln.Pipeline.Tests;

public sealed class QualityGateTests
{
    private static readonly QualityGate Gate = new(new QualityGateConfig(
        new Dictionary<string, double> { ["roc_auc"] = 0.8, ["recall"] = 0.3 },
        new Dictionary<string, double> { ["log_loss"] = 0.5 }));

    [Fact]
    public void ChecksMinimumsThenMaximumsAndDescribesEachMissWithTheViolatedBound()
    {
        var result = Gate.Evaluate(new Dictionary<string, double> { ["roc_auc"] = 0.74123, ["recall"] = 0.3, ["log_loss"] = 0.61 }, "metrics.json");

        Assert.Equal(["roc_auc", "recall", "log_loss"], result.Checks.Select(c => c.Metric));
        Assert.Equal([false, true, false], result.Checks.Select(c => c.Passed));
        Assert.Equal(["roc_auc 0.7412 < 0.8", "log_loss 0.61 > 0.5"], result.Failures.Select(QualityGate.Describe));
        Assert.False(result.Passed);
    }

    [Fact]
    public void AnUndefinedMetricFailsItsRuleWhicheverWayTheRulePoints()
    {
        var result = Gate.Evaluate(new Dictionary<string, double> { ["roc_auc"] = double.NaN, ["recall"] = 0.9, ["log_loss"] = double.NaN }, "metrics.json");

        Assert.Equal(["roc_auc", "log_loss"], result.Failures.Select(f => f.Metric));
    }

    [Fact]
    public void AGatedMetricMissingFromTheMeasurementsIsNamedWithItsSource()
    {
        var error = Assert.Throws<PipelineException>(() => Gate.Evaluate(new Dictionary<string, double> { ["roc_auc"] = 0.9 }, "artifacts/evaluation/metrics.json"));

        Assert.Equal("artifacts/evaluation/metrics.json has no metric 'recall' named by the quality gate; rerun Evaluate", error.Message);
    }
}
