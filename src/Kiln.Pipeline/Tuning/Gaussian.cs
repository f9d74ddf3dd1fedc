namespace Kiln.Pipeline.Tuning;

/// <summary>The standard normal distribution's draws and cumulative probability, for the Parzen estimator.</summary>
public static class Gaussian
{
    /// <summary>One standard normal draw (Box–Muller).</summary>
    /// <param name="random">The random source.</param>
    public static double Sample(Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>P(Z ≤ z) for a standard normal Z, accurate to about 1e-7.</summary>
    /// <param name="z">The point.</param>
    public static double Cdf(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    // Abramowitz and Stegun 7.1.26: enough precision for kernel weights.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}
