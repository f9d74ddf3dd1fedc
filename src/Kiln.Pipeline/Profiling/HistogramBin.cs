namespace Kiln.Pipeline.Profiling;

/// <summary>One histogram bar: values in [low, high) (the last bar includes its upper bound).</summary>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
/// <param name="Count">Values in the bar.</param>
public sealed record HistogramBin(double Low, double High, long Count);
