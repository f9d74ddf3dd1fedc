using System.Globalization;
using Kiln.Statistics.Drift;

namespace Kiln.Serving.Drift;

/// <summary>How the service watches its inputs for drift (<c>Kiln:Drift:*</c>).</summary>
/// <param name="Enabled">Whether scored rows are observed at all (<c>Kiln:Drift:Enabled</c>, default true).</param>
/// <param name="WindowRows">How many of the most recent scored rows the PSI is computed over (<c>Kiln:Drift:WindowRows</c>, default 10,000).</param>
/// <param name="MinimumRows">How many rows the window needs before a PSI is reported; fewer give a noisy index (<c>Kiln:Drift:MinimumRows</c>, default 500).</param>
/// <param name="Threshold">The PSI from which a feature is marked drifted (<c>Kiln:Drift:Threshold</c>, default 0.2).</param>
public sealed record DriftSettings(bool Enabled, int WindowRows, int MinimumRows, double Threshold)
{
    /// <summary>Reads and checks the settings; a bad value throws naming the key and the value.</summary>
    /// <param name="configuration">The app configuration.</param>
    public static DriftSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var enabled = Read(configuration, "Kiln:Drift:Enabled", true, "true or false", (string t, out bool v) => bool.TryParse(t, out v));
        var window = Read(configuration, "Kiln:Drift:WindowRows", 10_000, "an integer from 1 to 10000000", (string t, out int v) => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out v) && v is >= 1 and <= 10_000_000);
        var minimum = Read(configuration, "Kiln:Drift:MinimumRows", Math.Min(500, window), $"an integer from 1 to Kiln:Drift:WindowRows ({window})", (string t, out int v) => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out v) && v >= 1 && v <= window);
        var threshold = Read(configuration, "Kiln:Drift:Threshold", PopulationStability.DriftedThreshold, "a number above 0", (string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v) && v > 0);
        return new DriftSettings(enabled, window, minimum, threshold);
    }

    private delegate bool Parser<T>(string text, out T value);

    private static T Read<T>(IConfiguration configuration, string key, T fallback, string expected, Parser<T> parse)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return parse(text.Trim(), out var value) ? value : throw new InvalidOperationException($"configuration {key} must be {expected}, got '{text}'");
    }
}
