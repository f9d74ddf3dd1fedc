namespace Kiln.Pipeline.Tuning;

/// <summary>Decides after each fold whether a trial is clearly worse than the others and should stop.</summary>
public interface IPruner
{
    /// <summary>True to stop the trial after <paramref name="foldsScored"/> folds.</summary>
    /// <param name="foldsScored">How many folds the trial has scored (1 after the first).</param>
    /// <param name="runningScore">The mean score of those folds (higher is better).</param>
    /// <param name="history">The other trials of the study.</param>
    bool ShouldPrune(int foldsScored, double runningScore, IReadOnlyList<TrialObservation> history);
}
