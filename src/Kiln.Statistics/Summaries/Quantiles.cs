namespace Kiln.Statistics.Summaries;

/// <summary>Quantiles of a sorted sample by linear interpolation between order statistics (R's and NumPy's default, type 7).</summary>
public static class Quantiles
{
    /// <summary>The <paramref name="probability"/> quantile of <paramref name="sorted"/>; NaN for an empty sample.</summary>
    /// <param name="sorted">The values in ascending order.</param>
    /// <param name="probability">A probability in [0, 1].</param>
    public static double Of(ReadOnlySpan<double> sorted, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var position = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
