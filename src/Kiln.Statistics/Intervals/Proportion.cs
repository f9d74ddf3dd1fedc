namespace Kiln.Statistics.Intervals;

/// <summary>An observed rate with its Wilson score confidence interval.</summary>
/// <param name="Successes">How many trials were successes (e.g. positive labels).</param>
/// <param name="Trials">How many trials there were.</param>
/// <param name="Rate">Successes / trials (NaN with no trials).</param>
/// <param name="Low">The interval's lower bound.</param>
/// <param name="High">The interval's upper bound.</param>
public sealed record Proportion(long Successes, long Trials, double Rate, double Low, double High)
{
    /// <summary>The z value of a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The Wilson score interval, which stays inside [0, 1] and behaves for small counts and rates near 0 or 1 (unlike the normal approximation).</summary>
    /// <param name="successes">Successes.</param>
    /// <param name="trials">Trials.</param>
    /// <param name="z">The normal quantile of the confidence level.</param>
    public static Proportion Wilson(long successes, long trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return new Proportion(0, 0, double.NaN, double.NaN, double.NaN);
        }

        var n = (double)trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Proportion(successes, trials, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
