namespace Kiln.Targets;

/// <summary>Whether a cached target's outputs still match its inputs, and why.</summary>
/// <param name="IsUpToDate">True when the target can be skipped.</param>
/// <param name="Reason">A short explanation shown to the user, e.g. "params changed: trainer.learning_rate 0.05 -> 0.1".</param>
public sealed record CacheStatus(bool IsUpToDate, string Reason);
