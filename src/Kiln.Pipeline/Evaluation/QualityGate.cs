using System.Globalization;
using Kiln.Pipeline.Configuration;
using Kiln.Registry.Models;

namespace Kiln.Pipeline.Evaluation;

/// <summary>The one place the configured quality gate is checked: Evaluate enforces its result and Register records it on the version.</summary>
/// <param name="config">The thresholds from <c>quality_gate</c>.</param>
public sealed class QualityGate(QualityGateConfig config)
{
    /// <summary>The operator text of a minimum rule.</summary>
    public const string AtLeast = ">=";

    /// <summary>The operator text of a maximum rule.</summary>
    public const string AtMost = "<=";

    /// <summary>Checks every minimum then every maximum against <paramref name="metrics"/>; a NaN metric (undefined, e.g. AUC on one class) fails its rule.</summary>
    /// <param name="metrics">The measured metrics.</param>
    /// <param name="source">Where the metrics came from, named when a gated metric is missing (e.g. <c>artifacts/evaluation/metrics.json</c>).</param>
    public QualityGateResult Evaluate(IReadOnlyDictionary<string, double> metrics, string source)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var checks = config.Minimums.Select(rule => Check(rule.Key, AtLeast, rule.Value, metrics, source))
            .Concat(config.Maximums.Select(rule => Check(rule.Key, AtMost, rule.Value, metrics, source)))
            .ToList();
        return new QualityGateResult(checks);
    }

    /// <summary>A failed check as one line, e.g. <c>roc_auc 0.7412 &lt; 0.8</c>.</summary>
    /// <param name="check">A check that did not pass.</param>
    public static string Describe(GateCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var violated = check.Comparison == AtLeast ? "<" : ">";
        return string.Create(CultureInfo.InvariantCulture, $"{check.Metric} {check.Actual:0.####} {violated} {check.Threshold}");
    }

    private static GateCheck Check(string metric, string comparison, double threshold, IReadOnlyDictionary<string, double> metrics, string source)
    {
        if (!metrics.TryGetValue(metric, out var actual))
        {
            throw new PipelineException($"{source} has no metric '{metric}' named by the quality gate; rerun Evaluate");
        }

        // Written as "holds" rather than "is violated" so that NaN, which compares false both ways, fails.
        var passed = comparison == AtLeast ? actual >= threshold : actual <= threshold;
        return new GateCheck(metric, comparison, threshold, actual, passed);
    }
}
