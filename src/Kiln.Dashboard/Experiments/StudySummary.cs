using Kiln.Registry.Studies;

namespace Kiln.Dashboard.Experiments;

/// <summary>A study's line on the Experiments page: its trials counted by state, and its best trial.</summary>
/// <param name="Study">The study.</param>
/// <param name="Trials">How many trials it has recorded (of its budget).</param>
/// <param name="Complete">Trials scored on every fold.</param>
/// <param name="Pruned">Trials stopped early by the pruner.</param>
/// <param name="Failed">Trials whose training or scoring failed.</param>
/// <param name="Killed">Trials whose run stopped without finishing them (killed or interrupted); the next Tune takes them back.</param>
/// <param name="Running">Trials a live process is scoring now.</param>
/// <param name="Best">The best complete trial, or null.</param>
public sealed record StudySummary(StudyRecord Study, int Trials, int Complete, int Pruned, int Failed, int Killed, int Running, TrialRecord? Best)
{
    /// <summary>Counts <paramref name="trials"/> of <paramref name="study"/>.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trials">Its trials, as the registry observes them (runs whose owner is gone show as killed).</param>
    public static StudySummary Of(StudyRecord study, IReadOnlyList<TrialRecord> trials) => new(
        study,
        trials.Count,
        trials.Count(t => t.State == TrialState.Complete),
        trials.Count(t => t.State == TrialState.Pruned),
        trials.Count(t => t.State == TrialState.Failed),
        trials.Count(t => t.IsAbandoned),
        trials.Count(t => t is { State: TrialState.Running, IsAbandoned: false }),
        TrialRanking.Best(trials, study.LowerIsBetter));
}
