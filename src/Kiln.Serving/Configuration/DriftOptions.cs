using System.Globalization;
using Kiln.Statistics.Drift;

namespace Kiln.Serving.Configuration;

/// <summary>How the service watches its inputs for drift (<c>Kiln:Drift:*</c>).</summary>
public sealed record DriftOptions : IKilnOptions
{
    /// <inheritdoc />
    public static string Section => "Kiln:Drift";

    /// <summary>Whether scored rows are observed at all (<c>Kiln:Drift:Enabled</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many of the most recent scored rows the PSI is computed over (<c>Kiln:Drift:WindowRows</c>).</summary>
    public int WindowRows { get; set; } = 10_000;

    /// <summary>How many rows the window needs before a PSI is reported, since fewer give a noisy index (<c>Kiln:Drift:MinimumRows</c>).</summary>
    public int MinimumRows { get; set; } = 500;

    /// <summary>The PSI from which a feature is marked drifted (<c>Kiln:Drift:Threshold</c>).</summary>
    public double Threshold { get; set; } = PopulationStability.DriftedThreshold;

    /// <inheritdoc />
    public IEnumerable<string> Problems()
    {
        string?[] problems =
        [
            SettingRules.Range($"{Section}:WindowRows", WindowRows, 1, 10_000_000),
            SettingRules.Range($"{Section}:MinimumRows", MinimumRows, 1, WindowRows),
            double.IsFinite(Threshold) && Threshold > 0
                ? null
                : $"{Section}:Threshold must be a number above 0, got {Threshold.ToString(CultureInfo.InvariantCulture)}",
        ];
        return problems.OfType<string>();
    }
}
