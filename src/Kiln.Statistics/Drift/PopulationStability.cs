namespace Kiln.Statistics.Drift;

/// <summary>The population stability index (PSI) between a reference and a current distribution over the same bins.</summary>
public static class PopulationStability
{
    /// <summary>PSI at or above this marks a feature as drifted (the conventional "significant shift" level).</summary>
    public const double DriftedThreshold = 0.2;

    /// <summary>PSI at or above this (and below <see cref="DriftedThreshold"/>) is a moderate shift worth watching.</summary>
    public const double ModerateThreshold = 0.1;

    /// <summary>The floor for a bin's share, so an empty bin on one side gives a large but finite term instead of infinity.</summary>
    public const double MinimumShare = 1e-4;

    /// <summary>Σ (actual − expected) · ln(actual / expected) over the bins' shares; NaN when either side has no rows.</summary>
    /// <param name="expected">The reference counts per bin.</param>
    /// <param name="actual">The current counts per bin, same bins.</param>
    public static double Index(ReadOnlySpan<long> expected, ReadOnlySpan<long> actual)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(actual.Length, expected.Length, nameof(actual));
        double expectedTotal = 0, actualTotal = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            expectedTotal += expected[i];
            actualTotal += actual[i];
        }

        if (expectedTotal <= 0 || actualTotal <= 0)
        {
            return double.NaN;
        }

        double psi = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Max(expected[i] / expectedTotal, MinimumShare);
            var a = Math.Max(actual[i] / actualTotal, MinimumShare);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    /// <summary>Says how large a PSI is: "stable", "moderate", "drifted" or "unknown" for NaN.</summary>
    /// <param name="psi">The index.</param>
    /// <param name="threshold">The drifted threshold in force.</param>
    public static string Describe(double psi, double threshold = DriftedThreshold) =>
        double.IsNaN(psi) ? "unknown" : psi >= threshold ? "drifted" : psi >= Math.Min(ModerateThreshold, threshold) ? "moderate" : "stable";
}
