using Kiln.Registry.Metrics;

namespace Kiln.Registry.Promotion;

/// <summary>A metric the promotion policy can compare two models on, computed from labels and predicted probabilities.</summary>
/// <param name="Name">The metric's name in config and reports, e.g. <c>roc_auc</c>.</param>
/// <param name="HigherIsBetter">Whether a larger value is an improvement.</param>
/// <param name="Prepare">Builds the metric over one model's labels and probabilities, so resamples reweight rows instead of recomputing from scratch.</param>
internal sealed record ComparisonMetric(string Name, bool HigherIsBetter, Func<IReadOnlyList<bool>, IReadOnlyList<double>, IWeightedMetric> Prepare)
{
    /// <summary>Every metric a policy may name.</summary>
    public static IReadOnlyList<ComparisonMetric> All { get; } =
    [
        new("roc_auc", true, (y, p) => new RocAuc(y, p)),
        new("accuracy", true, (y, p) => new MeanRowMetric(y, p, (label, prob) => (prob >= 0.5) == label ? 1 : 0)),
        new("log_loss", false, (y, p) => new MeanRowMetric(y, p, ProbabilityLoss.LogLoss)),

        // Named as Evaluate names it (metrics.json, quality gates), so a config that names it for promotion means the same number.
        new("brier_score", false, (y, p) => new MeanRowMetric(y, p, ProbabilityLoss.SquaredError)),
    ];

    /// <summary>The metric named <paramref name="name"/>, or a clear error listing the supported names.</summary>
    public static ComparisonMetric Named(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new RegistryException(
            $"Promotion metric '{name}' is not supported; use one of: {string.Join(", ", All.Select(m => m.Name))}.");
}
