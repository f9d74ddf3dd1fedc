using Kiln.Dashboard.Charts;
using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Compare;

/// <summary>What the compare page shows for 2–100 runs: the parameters that differ, every metric with its change from the first run, and the curves overlaid.</summary>
/// <param name="Runs">The runs, the first being the base the others are compared with.</param>
/// <param name="DifferingParameters">Parameter keys whose value is not the same in every run (a missing key counts as a value).</param>
/// <param name="SameParameterCount">How many parameter keys have one value in every run.</param>
/// <param name="MetricKeys">Every metric key any of the runs has.</param>
/// <param name="Roc">One ROC line per run that recorded curves.</param>
/// <param name="PrecisionRecall">One precision–recall line per run that recorded curves.</param>
/// <param name="Styles">Each run's line style, by run id (runs without curves have none).</param>
/// <param name="WithoutCurves">Runs without curves, with why.</param>
public sealed record RunComparisonView(
    IReadOnlyList<Run> Runs,
    IReadOnlyList<string> DifferingParameters,
    int SameParameterCount,
    IReadOnlyList<string> MetricKeys,
    IReadOnlyList<ChartSeries> Roc,
    IReadOnlyList<ChartSeries> PrecisionRecall,
    IReadOnlyDictionary<string, SeriesStyle> Styles,
    IReadOnlyList<(Run Run, string Why)> WithoutCurves)
{
    /// <summary>The most runs compared at once.</summary>
    public const int MaxRuns = 100;

    /// <summary>Points drawn across all lines of one chart, shared out so a hundred overlaid runs stay a light page.</summary>
    public const int PointBudget = 12_000;

    /// <summary>Builds the view; <paramref name="curves"/> gives each run's recorded curves.</summary>
    public static RunComparisonView Build(IReadOnlyList<Run> runs, Func<Run, CurveLookup> curves)
    {
        var parameterKeys = runs.SelectMany(r => r.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var differing = parameterKeys
            .Where(key => runs.Select(r => r.Parameters.TryGetValue(key, out var value) ? value : null).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToList();
        var metricKeys = runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var lookups = runs.Select(r => (Run: r, Lookup: curves(r))).ToList();
        var drawn = lookups.Where(l => l.Lookup.Curves is not null).ToList();
        var perLine = Math.Clamp(PointBudget / Math.Max(1, drawn.Count), 60, RunCurves.MaxPoints);
        var styles = drawn.Select((l, i) => (l.Run.Id, Style: new SeriesStyle(i))).ToDictionary(s => s.Id, s => s.Style, StringComparer.Ordinal);
        ChartSeries Line(Run run, IReadOnlyList<CurvePoint> points, string metric) =>
            new($"{run.Id} ({metric} {Rendering.Format.Metric(run.Metrics, metric)})", RunCurves.Thin(points, perLine), styles[run.Id]);

        return new RunComparisonView(
            runs, differing, parameterKeys.Count - differing.Count, metricKeys,
            [.. drawn.Select(l => Line(l.Run, l.Lookup.Curves!.Roc, "roc_auc"))],
            [.. drawn.Select(l => Line(l.Run, l.Lookup.Curves!.PrecisionRecall, "pr_auc"))],
            styles,
            [.. lookups.Where(l => l.Lookup.Curves is null).Select(l => (l.Run, l.Lookup.Missing ?? "has no curves"))]);
    }
}
