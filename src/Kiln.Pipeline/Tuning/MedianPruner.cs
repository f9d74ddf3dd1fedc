using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>
/// Optuna's median rule on folds: once <paramref name="startupTrials"/> trials are complete, a trial whose mean over its first k folds
/// is below the median of the completed trials' means over their first k folds stops there. The last fold is never pruned: it would save nothing.
/// </summary>
/// <param name="startupTrials">How many completed trials the median needs before it prunes.</param>
/// <param name="folds">How many folds a complete trial scores.</param>
public sealed class MedianPruner(int startupTrials, int folds) : IPruner
{
    /// <inheritdoc />
    public bool ShouldPrune(int foldsScored, double runningScore, IReadOnlyList<TrialObservation> history)
    {
        if (foldsScored >= folds)
        {
            return false;
        }

        var others = history
            .Where(t => t.State == TrialState.Complete && t.FoldScores.Count >= foldsScored)
            .Select(t => t.RunningScore(foldsScored))
            .Order()
            .ToArray();
        if (others.Length < startupTrials)
        {
            return false;
        }

        var median = others.Length % 2 == 1 ? others[others.Length / 2] : (others[(others.Length / 2) - 1] + others[others.Length / 2]) / 2;
        return runningScore < median;
    }
}
