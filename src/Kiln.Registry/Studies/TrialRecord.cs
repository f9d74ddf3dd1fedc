namespace Kiln.Registry.Studies;

/// <summary>One trial of a study as stored, with the parameters and metrics of its current run.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Number">The trial's number, from 0, unique in the study.</param>
/// <param name="RunId">The run that scores (or scored) it; a taken-back trial gets a new run.</param>
/// <param name="State">Running, complete, pruned or failed (killed attempts keep their own failed runs).</param>
/// <param name="Value">The mean metric over the folds scored, or null while none is.</param>
/// <param name="Attempt">1, plus one each time the trial was taken back from a dead worker.</param>
/// <param name="Owner">The worker that holds (or held) it, as <see cref="WorkerIdentity.ToString"/>.</param>
/// <param name="HeartbeatAt">When its worker last renewed the lease.</param>
/// <param name="StartedAt">When the current attempt started.</param>
/// <param name="EndedAt">When it finished, or null while running.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="Parameters">The run's parameters: trainer.name and trainer.hyperparameters.*.</param>
/// <param name="Metrics">The run's metrics: per fold, mean and standard deviation.</param>
public sealed record TrialRecord(
    string Study,
    int Number,
    string RunId,
    TrialState State,
    double? Value,
    int Attempt,
    string Owner,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Error,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>How long the current attempt took, or null while it runs.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;
}
