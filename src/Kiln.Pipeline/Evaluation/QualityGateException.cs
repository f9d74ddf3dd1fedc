using Kiln.Pipeline.Stages;
using Kiln.Registry.Models;

namespace Kiln.Pipeline.Evaluation;

/// <summary>The evaluated model missed one or more quality gates; it carries the metrics measured, so the failed run keeps them.</summary>
/// <param name="gate">The gate's outcome, with at least one failed check.</param>
/// <param name="metrics">Every metric Evaluate measured.</param>
public sealed class QualityGateException(QualityGateResult gate, IReadOnlyDictionary<string, double> metrics)
    : MeasuredFailureException("quality gate failed: " + string.Join("; ", gate.Failures.Select(QualityGate.Describe)), metrics)
{
    /// <summary>The gate's outcome.</summary>
    public QualityGateResult Gate { get; } = gate;

    /// <summary>Every missed gate, formatted as "metric value threshold" (e.g. "roc_auc 0.7412 &lt; 0.8").</summary>
    public IReadOnlyList<string> Failures { get; } = [.. gate.Failures.Select(QualityGate.Describe)];
}
