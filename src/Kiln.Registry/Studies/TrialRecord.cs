using Kiln.Registry.Runs;

namespace Kiln.Registry.Studies;

/// <summary>One trial of a study as stored, with its current run's status, times, parameters and metrics.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Number">The trial's number, from 0, unique in the study.</param>
/// <param name="RunId">The run that scores (or scored) it; a taken-back trial gets a new run.</param>
/// <param name="State">Running, complete, pruned or failed (killed attempts keep their own killed runs).</param>
/// <param name="Value">The mean metric over the folds scored, or null while none is.</param>
/// <param name="Attempt">1, plus one each time the trial was taken back from a run that stopped without finishing it.</param>
/// <param name="RunStatus">The current run's status: running while a live process scores it; killed or failed on a running trial means it waits to be taken back.</param>
/// <param name="StartedAt">When the current run started.</param>
/// <param name="EndedAt">When the current run ended, or null while it runs.</param>
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
    RunStatus RunStatus,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Error,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>How long the current attempt took, or null while it runs.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;

    /// <summary>True for a running trial whose run stopped without finishing it (killed, or interrupted): the next claim takes it back.</summary>
    public bool IsAbandoned => State == TrialState.Running && RunStatus != RunStatus.Running;
}
