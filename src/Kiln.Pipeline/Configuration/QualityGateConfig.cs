namespace Kiln.Pipeline.Configuration;

/// <summary>The thresholds an evaluated model must meet.</summary>
/// <param name="Minimums">Metrics that must be at least the given value (e.g. roc_auc 0.80).</param>
/// <param name="Maximums">Metrics that must be at most the given value (e.g. log_loss 0.5).</param>
public sealed record QualityGateConfig(IReadOnlyDictionary<string, double> Minimums, IReadOnlyDictionary<string, double> Maximums);
