namespace Kiln.Registry.Studies;

/// <summary>How a trial ended, recorded in one transaction with its run's metrics and status.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Number">The trial's number.</param>
/// <param name="RunId">The run that scored it; it must still be the trial's current run, and still running.</param>
/// <param name="State">Complete, pruned or failed.</param>
/// <param name="Value">The mean metric over the scored folds, or null when none was scored.</param>
/// <param name="Metrics">The run's metrics (per fold, mean, standard deviation, duration).</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="EndedAt">When it ended.</param>
public sealed record TrialOutcome(
    string Study,
    int Number,
    string RunId,
    TrialState State,
    double? Value,
    IReadOnlyDictionary<string, double> Metrics,
    string? Error,
    DateTimeOffset EndedAt);
