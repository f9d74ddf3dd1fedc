using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>A finished or running trial as samplers and pruners see it; scores are oriented so that higher is better.</summary>
/// <param name="Number">The trial's number in the study.</param>
/// <param name="Parameters">What it scored.</param>
/// <param name="State">Complete, pruned, failed, killed or running.</param>
/// <param name="FoldScores">The score of each fold scored so far, in fold order (negated for lower-is-better metrics).</param>
public sealed record TrialObservation(int Number, TrialParameters Parameters, TrialState State, IReadOnlyList<double> FoldScores)
{
    /// <summary>The mean of the scored folds, or NaN when none was scored.</summary>
    public double Score => FoldScores.Count == 0 ? double.NaN : FoldScores.Average();

    /// <summary>The mean of the first <paramref name="folds"/> fold scores (what a pruner compares at that step).</summary>
    /// <param name="folds">How many folds, at least 1.</param>
    public double RunningScore(int folds) => FoldScores.Take(folds).Average();
}
