using Kiln.Registry.Metrics;

namespace Kiln.Pipeline.Evaluation;

/// <summary>Binary-classification metrics computed from labels and probabilities.</summary>
/// <remarks>Formulas the promotion bootstrap shares (ROC AUC, log loss, Brier score) live once in <see cref="Kiln.Registry.Metrics"/>; this class adds the rest.</remarks>
public static class BinaryMetrics
{
    /// <summary>Computes every metric in <see cref="MetricNames.All"/>; predicted labels are the model's own; the AUCs are NaN unless both classes are present.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="probabilities">Predicted probabilities of the positive class.</param>
    /// <param name="predicted">Predicted labels.</param>
    public static SortedDictionary<string, double> Compute(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities, IReadOnlyList<bool> predicted)
    {
        var (tp, fp, tn, fn) = Confusion(labels, predicted);
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        double logLoss = 0;
        double brier = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            logLoss += ProbabilityLoss.LogLoss(labels[i], probabilities[i]);
            brier += ProbabilityLoss.SquaredError(labels[i], probabilities[i]);
        }

        var n = Math.Max(1, labels.Count);
        return new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.RocAuc] = RocAuc.Compute(labels, probabilities),
            [MetricNames.PrAuc] = AveragePrecision(labels, probabilities),
            [MetricNames.Accuracy] = (double)(tp + tn) / n,
            [MetricNames.Precision] = precision,
            [MetricNames.Recall] = recall,
            [MetricNames.F1] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            [MetricNames.LogLoss] = logLoss / n,
            [MetricNames.BrierScore] = brier / n,
        };
    }

    /// <summary>Counts true positives, false positives, true negatives and false negatives.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="predicted">Predicted labels.</param>
    public static (int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives) Confusion(IReadOnlyList<bool> labels, IReadOnlyList<bool> predicted)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            _ = (labels[i], predicted[i]) switch
            {
                (true, true) => tp++,
                (false, true) => fp++,
                (false, false) => tn++,
                _ => fn++,
            };
        }

        return (tp, fp, tn, fn);
    }

    /// <summary>Average precision: the area under the precision–recall curve, stepping at each distinct score; NaN without a positive row.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores or probabilities.</param>
    public static double AveragePrecision(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        // Recall has no denominator without positives; like ROC AUC the area is then undefined rather than a made-up 0.
        if (!labels.Contains(true))
        {
            return double.NaN;
        }

        var curve = PrecisionRecallCurve(labels, scores);
        double area = 0;
        double previousRecall = 0;
        foreach (var (recall, precision) in curve)
        {
            area += (recall - previousRecall) * precision;
            previousRecall = recall;
        }

        return area;
    }

    /// <summary>The ROC curve as (false positive rate, true positive rate) points from (0,0) to (1,1).</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores or probabilities.</param>
    public static List<(double Fpr, double Tpr)> RocCurve(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        var positives = Math.Max(1, labels.Count(l => l));
        var negatives = Math.Max(1, labels.Count - labels.Count(l => l));
        var points = new List<(double, double)> { (0, 0) };
        foreach (var (tp, fp) in Thresholds(labels, scores))
        {
            points.Add(((double)fp / negatives, (double)tp / positives));
        }

        return points;
    }

    /// <summary>The precision–recall curve as (recall, precision) points in order of decreasing threshold.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores or probabilities.</param>
    public static List<(double Recall, double Precision)> PrecisionRecallCurve(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        var positives = Math.Max(1, labels.Count(l => l));
        return [.. Thresholds(labels, scores).Select(t => ((double)t.TruePositives / positives, (double)t.TruePositives / (t.TruePositives + t.FalsePositives)))];
    }

    private static IEnumerable<(int TruePositives, int FalsePositives)> Thresholds(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, labels.Count).OrderByDescending(i => scores[i]).ToArray();
        int tp = 0, fp = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                _ = labels[order[end]] ? tp++ : fp++;
                end++;
            }

            yield return (tp, fp);
            start = end;
        }
    }
}
