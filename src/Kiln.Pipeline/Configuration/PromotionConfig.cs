namespace Kiln.Pipeline.Configuration;

/// <summary>When a challenger replaces the champion in the registry.</summary>
/// <param name="Metric">The metric compared (a name from <see cref="Evaluation.MetricNames"/>).</param>
/// <param name="MinDelta">The smallest absolute improvement that counts.</param>
/// <param name="MinRelativeDelta">The smallest relative improvement that counts.</param>
/// <param name="BootstrapResamples">How many bootstrap resamples of the test predictions to draw.</param>
/// <param name="Confidence">The confidence level of the bootstrap interval.</param>
/// <param name="RequireSignificance">True to promote only when the improvement is significant.</param>
public sealed record PromotionConfig(
    string Metric,
    double MinDelta,
    double MinRelativeDelta,
    int BootstrapResamples,
    double Confidence,
    bool RequireSignificance)
{
    /// <summary>The values used for every key the file leaves out.</summary>
    public static PromotionConfig Default { get; } = new(
        Metric: Evaluation.MetricNames.RocAuc,
        MinDelta: 0,
        MinRelativeDelta: 0,
        BootstrapResamples: 1000,
        Confidence: 0.95,
        RequireSignificance: true);
}
