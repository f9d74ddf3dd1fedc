using System.Globalization;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>Ranks a study's trials: complete trials by their mean metric, best first (ties to the earlier trial).</summary>
public static class Leaderboard
{
    /// <summary>The column headers of <see cref="Rows"/>.</summary>
    /// <param name="metric">The study's metric.</param>
    public static IReadOnlyList<string> Headers(string metric) => ["rank", "trial", "state", "trainer", $"cv {metric} (mean ± sd)", "folds", "duration", "hyperparameters", "run"];

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

    /// <summary>The top <paramref name="limit"/> complete trials as table rows.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trials">Every trial of the study.</param>
    /// <param name="limit">How many ranked rows to show.</param>
    public static IEnumerable<IReadOnlyList<string>> Rows(StudyRecord study, IReadOnlyList<TrialRecord> trials, int limit)
    {
        var ranked = Ranked(trials, study.LowerIsBetter);
        return ranked.Take(limit).Select((t, i) => Row((i + 1).ToString(CultureInfo.InvariantCulture), study.Metric, t));
    }

    /// <summary>"mean ± sd" of the study metric of a trial, or "-".</summary>
    /// <param name="metric">The study's metric.</param>
    /// <param name="trial">The trial.</param>
    public static string Score(string metric, TrialRecord trial) =>
        trial.Metrics.TryGetValue(TrialMetrics.Mean(metric), out var mean)
            ? string.Create(CultureInfo.InvariantCulture, $"{mean:0.0000} ± {trial.Metrics.GetValueOrDefault(TrialMetrics.StandardDeviation(metric)):0.0000}")
            : "-";

    private static IReadOnlyList<string> Row(string rank, string metric, TrialRecord trial)
    {
        var parameters = TrialParameters.FromRunParameters(trial.Parameters);
        return
        [
            rank,
            trial.Number.ToString(CultureInfo.InvariantCulture),
            trial.State.ToString().ToLowerInvariant(),
            parameters.Trainer,
            Score(metric, trial),
            trial.Metrics.TryGetValue("folds_scored", out var folds) ? folds.ToString("0", CultureInfo.InvariantCulture) : "-",
            trial.Duration is { } d ? d.TotalSeconds.ToString("0.0s", CultureInfo.InvariantCulture) : "-",
            string.Join(", ", parameters.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value.ToString("G4", CultureInfo.InvariantCulture)}")),
            trial.RunId,
        ];
    }
}
