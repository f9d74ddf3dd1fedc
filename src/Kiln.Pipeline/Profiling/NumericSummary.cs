namespace Kiln.Pipeline.Profiling;

/// <summary>The distribution of a numeric column's values.</summary>
/// <param name="Minimum">The smallest value.</param>
/// <param name="Maximum">The largest value.</param>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The sample standard deviation.</param>
/// <param name="Quantiles">p01, p05, p25, p50, p75, p95 and p99 (from the sample; exact when the sample holds every row).</param>
/// <param name="Histogram">Equal-width bins from the minimum to the maximum (one per integer for small integer ranges).</param>
public sealed record NumericSummary(
    double Minimum,
    double Maximum,
    double Mean,
    double StandardDeviation,
    IReadOnlyDictionary<string, double> Quantiles,
    IReadOnlyList<HistogramBin> Histogram);
