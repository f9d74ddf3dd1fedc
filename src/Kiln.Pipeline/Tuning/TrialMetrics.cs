using System.Globalization;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>How a trial's fold results are named in its run's metrics, and read back for samplers and pruners.</summary>
public static class TrialMetrics
{
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

    /// <summary>The run metrics of a trial: the study metric per fold, and the mean and standard deviation of every metric.</summary>
    /// <param name="metric">The study's metric.</param>
    /// <param name="folds">The scored folds.</param>
    /// <param name="seconds">The trial's duration.</param>
    public static Dictionary<string, double> Of(string metric, IReadOnlyList<FoldResult> folds, double seconds)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["folds_scored"] = folds.Count, ["duration_seconds"] = seconds };
        foreach (var fold in folds)
        {
            metrics[Fold(metric, fold.Fold)] = fold.Metrics[metric];
        }

        foreach (var name in folds.Count == 0 ? [] : folds[0].Metrics.Keys)
        {
            var values = folds.Select(f => f.Metrics[name]).Where(double.IsFinite).ToArray();
            if (values.Length > 0)
            {
                metrics[Mean(name)] = values.Average();
                metrics[StandardDeviation(name)] = StandardDeviationOf(values);
            }
        }

        return metrics;
    }

    /// <summary>The sample standard deviation (0 for a single value).</summary>
    /// <param name="values">The values.</param>
    public static double StandardDeviationOf(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>A stored trial as samplers and pruners see it.</summary>
    /// <param name="trial">The stored trial.</param>
    /// <param name="objective">The study's objective.</param>
    public static TrialObservation Observe(TrialRecord trial, Objective objective)
    {
        var scores = new List<double>();
        for (var fold = 0; trial.Metrics.TryGetValue(Fold(objective.Metric, fold), out var value); fold++)
        {
            scores.Add(objective.Score(value));
        }

        return new TrialObservation(trial.Number, TrialParameters.FromRunParameters(trial.Parameters), trial.State, scores);
    }
}
