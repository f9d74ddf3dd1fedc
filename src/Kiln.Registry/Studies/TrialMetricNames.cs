using System.Globalization;

namespace Kiln.Registry.Studies;

/// <summary>The names under which a trial's run records its cross-validation results, shared by Tune (which writes them) and the dashboard (which reads them).</summary>
public static class TrialMetricNames
{
    /// <summary>How many folds were scored (fewer than the study's folds for a pruned trial).</summary>
    public const string FoldsScored = "folds_scored";

    /// <summary>The trial's wall time in seconds.</summary>
    public const string DurationSeconds = "duration_seconds";

    /// <summary>The run metric holding fold <paramref name="fold"/>'s value of <paramref name="metric"/>.</summary>
    /// <param name="metric">The study's metric.</param>
    /// <param name="fold">The fold number.</param>
    public static string Fold(string metric, int fold) => string.Create(CultureInfo.InvariantCulture, $"fold_{fold}_{metric}");

    /// <summary>The run metric holding the mean over folds.</summary>
    /// <param name="metric">A metric name.</param>
    public static string Mean(string metric) => $"cv_{metric}_mean";

    /// <summary>The run metric holding the sample standard deviation over folds.</summary>
    /// <param name="metric">A metric name.</param>
    public static string StandardDeviation(string metric) => $"cv_{metric}_sd";
}
