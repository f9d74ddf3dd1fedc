namespace Kiln.Pipeline.Stages;

/// <summary>Whether a stage can be skipped, and why not.</summary>
/// <param name="IsUpToDate">True when the recorded dependencies, parameters, code and outputs all still match.</param>
/// <param name="Reason">What changed, e.g. "params changed: trainer.hyperparameters.learning_rate 0.05 -> 0.1", or "up to date".</param>
public sealed record StageStatus(bool IsUpToDate, string Reason);
