using Kiln.Pipeline.Tuning;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class MedianPrunerTests
{
    private static readonly TrialParameters Any = new("LightGbm", new Dictionary<string, double>());

    private static List<TrialObservation> Complete(params double[][] folds) =>
        [.. folds.Select((scores, i) => new TrialObservation(i, Any, TrialState.Complete, scores))];

    [Fact]
    public void StopsATrialWhoseFirstFoldsAreBelowTheMedianOfCompletedTrials()
    {
        var history = Complete([0.80, 0.81, 0.80], [0.85, 0.84, 0.86], [0.86, 0.87, 0.85]);
        var pruner = new MedianPruner(startupTrials: 3, folds: 3);

        Assert.True(pruner.ShouldPrune(1, 0.82, history));
        Assert.False(pruner.ShouldPrune(1, 0.86, history));
        // After two folds the median of running means is (0.85+0.84)/2 = 0.845.
        Assert.True(pruner.ShouldPrune(2, 0.84, history));
    }

    [Fact]
    public void NeverPrunesBeforeEnoughTrialsCompletedOrAtTheLastFold()
    {
        var history = Complete([0.85, 0.84, 0.86], [0.86, 0.87, 0.85]);
        history.Add(new TrialObservation(9, Any, TrialState.Pruned, [0.99]));

        Assert.False(new MedianPruner(startupTrials: 3, folds: 3).ShouldPrune(1, 0.5, history));
        Assert.False(new MedianPruner(startupTrials: 2, folds: 3).ShouldPrune(3, 0.5, history));
        Assert.True(new MedianPruner(startupTrials: 2, folds: 3).ShouldPrune(1, 0.5, history));
    }
}
