namespace Kiln.Pipeline.Evaluation;

/// <summary>The evaluated model missed one or more quality gates.</summary>
/// <param name="failures">Every missed gate as "metric value threshold".</param>
public sealed class QualityGateException(IReadOnlyList<string> failures)
    : PipelineException("quality gate failed: " + string.Join("; ", failures))
{
    /// <summary>Every missed gate, formatted as "metric value threshold" (e.g. "roc_auc 0.7412 &lt; 0.8").</summary>
    public IReadOnlyList<string> Failures { get; } = failures;
}
