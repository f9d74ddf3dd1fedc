namespace Kiln.Pipeline.Stages;

/// <summary>Whether a stage can be skipped, and why not.</summary>
/// <param name="IsUpToDate">True when the recorded dependencies, parameters, code and outputs all still match.</param>
/// <param name="Reason">What changed, e.g. "params changed: trainer.hyperparameters.learning_rate 0.05 -> 0.1", or <see cref="Unchanged"/>.</param>
public sealed record StageStatus(bool IsUpToDate, string Reason)
{
    /// <summary>The reason given when dependencies, parameters, code and outputs all match their lock entry.</summary>
    public const string Unchanged = "inputs, parameters and code unchanged";
}
