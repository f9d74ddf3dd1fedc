using Kiln.Registry.Metrics;

namespace Kiln.Registry.Promotion;

/// <summary>Paired bootstrap of a metric difference: both models are scored on the same resampled rows, so row difficulty cancels out.</summary>
public static class PairedBootstrap
{
    /// <summary>Percentile interval of <c>metric(candidate) - metric(baseline)</c> over <paramref name="resamples"/> resamples of the rows.</summary>
    /// <remarks>Resamples where the metric is undefined (e.g. one class only, for AUC) are redrawn, up to ten times the requested count.</remarks>
    public static ConfidenceInterval DifferenceInterval(
        string metric,
        IReadOnlyList<bool> labels,
        IReadOnlyList<double> candidate,
        IReadOnlyList<double> baseline,
        int resamples,
        double confidence,
        int seed)
    {
        var definition = ComparisonMetric.Named(metric);
        return DifferenceInterval(definition.Prepare(labels, candidate), definition.Prepare(labels, baseline), labels.Count, resamples, confidence, seed);
    }

    internal static ConfidenceInterval DifferenceInterval(
        IWeightedMetric candidate, IWeightedMetric baseline, int rows, int resamples, double confidence, int seed)
    {
        if (resamples < 1)
        {
            throw new RegistryException($"Bootstrap resamples must be at least 1 (got {resamples}).");
        }

        if (confidence is <= 0 or >= 1)
        {
            throw new RegistryException($"Bootstrap confidence must be between 0 and 1 exclusive (got {confidence}).");
        }

        var random = new Random(seed);
        var weights = new int[rows];
        var differences = new List<double>(resamples);
        for (var attempt = 0; differences.Count < resamples && attempt < resamples * 10; attempt++)
        {
            Array.Clear(weights);
            for (var i = 0; i < rows; i++)
            {
                weights[random.Next(rows)]++;
            }

            var difference = candidate.Evaluate(weights) - baseline.Evaluate(weights);
            if (!double.IsNaN(difference))
            {
                differences.Add(difference);
            }
        }

        if (differences.Count < resamples)
        {
            throw new RegistryException(
                $"Only {differences.Count} of {resamples} bootstrap resamples had a defined metric; the test rows are too few or nearly all one class.");
        }

        differences.Sort();
        var alpha = (1 - confidence) / 2;
        return new ConfidenceInterval(Quantile(differences, alpha), Quantile(differences, 1 - alpha), confidence);
    }

    private static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
