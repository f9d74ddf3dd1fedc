namespace Kiln.Registry.Studies;

/// <summary>How a study's trials rank: complete trials by their value, best first, ties to the earlier trial; one rule for Tune's report and the dashboard.</summary>
public static class TrialRanking
{
    /// <summary>The complete trials in rank order.</summary>
    /// <param name="trials">Every trial of the study.</param>
    /// <param name="lowerIsBetter">True when a smaller metric wins.</param>
    public static IReadOnlyList<TrialRecord> Ranked(IEnumerable<TrialRecord> trials, bool lowerIsBetter)
    {
        var complete = trials.Where(t => t is { State: TrialState.Complete, Value: not null });
        return [.. (lowerIsBetter ? complete.OrderBy(t => t.Value) : complete.OrderByDescending(t => t.Value)).ThenBy(t => t.Number)];
    }

    /// <summary>The best complete trial, or null.</summary>
    /// <param name="trials">Every trial of the study.</param>
    /// <param name="lowerIsBetter">True when a smaller metric wins.</param>
    public static TrialRecord? Best(IEnumerable<TrialRecord> trials, bool lowerIsBetter) => Ranked(trials, lowerIsBetter).FirstOrDefault();

    /// <summary>The best value among the complete trials up to each complete trial, by trial number: the optimisation history's best-so-far line.</summary>
    /// <param name="trials">Every trial of the study.</param>
    /// <param name="lowerIsBetter">True when a smaller metric wins.</param>
    public static IReadOnlyList<(int Number, double Best)> BestSoFar(IEnumerable<TrialRecord> trials, bool lowerIsBetter)
    {
        var result = new List<(int, double)>();
        double? best = null;
        foreach (var trial in trials.Where(t => t is { State: TrialState.Complete, Value: not null }).OrderBy(t => t.Number))
        {
            var value = trial.Value!.Value;
            best = best is not { } b ? value : lowerIsBetter ? Math.Min(b, value) : Math.Max(b, value);
            result.Add((trial.Number, best.Value));
        }

        return result;
    }
}
