namespace Kiln.Registry.Metrics;

/// <summary>A metric prepared once for fixed labels and scores, then evaluated cheaply under many row weightings (bootstrap resamples).</summary>
internal interface IWeightedMetric
{
    /// <summary>The metric when row i counts <c>weights[i]</c> times; NaN when undefined for that weighting.</summary>
    double Evaluate(ReadOnlySpan<int> weights);
}
