namespace Kiln.Pipeline.Stages;

/// <summary>A stage failed after measuring something worth keeping: a tracked run records these metrics on the failed run.</summary>
/// <param name="message">The complete, user-facing explanation.</param>
/// <param name="metrics">What the stage measured before it failed (e.g. the metrics of a model that missed its quality gate).</param>
public class MeasuredFailureException(string message, IReadOnlyDictionary<string, double> metrics) : PipelineException(message)
{
    /// <summary>What the stage measured before it failed; may contain non-finite values, which a tracker skips.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; } = metrics;
}
