using System.Globalization;
using Kiln.Registry.Studies;

namespace Kiln.Dashboard.Experiments;

/// <summary>One trial on a study's leaderboard: its rank among the complete trials (null for the others) and what the table shows of it.</summary>
/// <param name="Rank">1 for the best complete trial; null for pruned, failed, killed and running trials.</param>
/// <param name="Trial">The trial.</param>
public sealed record LeaderboardRow(int? Rank, TrialRecord Trial)
{
    // The run parameters a trial records (TrialRecord.Parameters): the trainer, and each sampled hyperparameter under this prefix.
    private const string TrainerKey = "trainer.name";
    private const string HyperparameterPrefix = "trainer.hyperparameters.";

    /// <summary>The trainer the trial scored.</summary>
    public string Trainer => Trial.Parameters.GetValueOrDefault(TrainerKey) ?? "?";

    /// <summary>The sampled hyperparameters, e.g. <c>learning_rate=0.05</c>, by name.</summary>
    public IReadOnlyList<string> Hyperparameters => [.. Trial.Parameters
        .Where(p => p.Key.StartsWith(HyperparameterPrefix, StringComparison.Ordinal))
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{p.Key[HyperparameterPrefix.Length..]}={Short(p.Value)}")];

    /// <summary>Every trial of a study: the complete ones in rank order, then the rest by number.</summary>
    /// <param name="study">The study (its direction).</param>
    /// <param name="trials">Its trials.</param>
    public static IReadOnlyList<LeaderboardRow> Of(StudyRecord study, IReadOnlyList<TrialRecord> trials)
    {
        var ranked = TrialRanking.Ranked(trials, study.LowerIsBetter);
        var rankedNumbers = ranked.Select(t => t.Number).ToHashSet();
        return [.. ranked.Select((t, i) => new LeaderboardRow(i + 1, t)), .. trials.Where(t => !rankedNumbers.Contains(t.Number)).OrderBy(t => t.Number).Select(t => new LeaderboardRow(null, t))];
    }

    /// <summary>"mean ± sd" of the study's metric over the folds scored, or a dash.</summary>
    /// <param name="metric">The study's metric.</param>
    public string Score(string metric) =>
        Trial.Metrics.TryGetValue(TrialMetricNames.Mean(metric), out var mean)
            ? string.Create(CultureInfo.InvariantCulture, $"{mean:0.0000} ± {Trial.Metrics.GetValueOrDefault(TrialMetricNames.StandardDeviation(metric)):0.0000}")
            : "–";

    /// <summary>How many folds were scored, or a dash.</summary>
    public string Folds => Trial.Metrics.TryGetValue(TrialMetricNames.FoldsScored, out var folds) ? folds.ToString("0", CultureInfo.InvariantCulture) : "–";

    // Sampled values carry every digit ("R"); four significant ones tell trials apart in a table, the run page has the rest.
    private static string Short(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number.ToString("G4", CultureInfo.InvariantCulture) : value;
}
