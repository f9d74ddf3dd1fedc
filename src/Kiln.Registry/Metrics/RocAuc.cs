namespace Kiln.Registry.Metrics;

/// <summary>Area under the ROC curve: sorts the scores once, then each evaluation is one linear pass with tied scores sharing their average rank.</summary>
/// <remarks>
/// The one ROC AUC of Kiln: Evaluate's metrics, the oracle comparison, permutation importance and the promotion bootstrap all call it.
/// With only one class present it is undefined and returns NaN, never a made-up 0.5: a gate compares NaN as failed,
/// the bootstrap redraws such resamples, and the registry refuses to record a non-finite metric.
/// </remarks>
public sealed class RocAuc : IWeightedMetric
{
    private readonly bool[] _sortedLabels;
    private readonly int[] _order;
    private readonly int[] _groupEnds;

    internal RocAuc(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var n = labels.Count;
        var keys = scores.ToArray();
        _order = Enumerable.Range(0, n).ToArray();
        Array.Sort(keys, _order);
        _sortedLabels = _order.Select(i => labels[i]).ToArray();

        // Runs of equal scores are precomputed so resamples need no comparisons at all.
        var ends = new List<int>();
        for (var i = 1; i <= n; i++)
        {
            if (i == n || keys[i] != keys[i - 1])
            {
                ends.Add(i);
            }
        }

        _groupEnds = [.. ends];
    }

    /// <summary>The AUC of <paramref name="scores"/> against <paramref name="labels"/>; NaN when only one class is present.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores or probabilities; higher means more likely positive.</param>
    public static double Compute(IReadOnlyList<bool> labels, IReadOnlyList<float> scores) =>
        // Widening float to double keeps every order and tie, so the result is the same as on the original scores.
        Compute(labels, [.. scores.Select(s => (double)s)]);

    /// <summary>The AUC of <paramref name="scores"/> against <paramref name="labels"/>; NaN when only one class is present.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores or probabilities; higher means more likely positive.</param>
    public static double Compute(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(scores.Count, labels.Count, nameof(scores));
        var weights = new int[labels.Count];
        Array.Fill(weights, 1);
        return new RocAuc(labels, scores).Evaluate(weights);
    }

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<int> weights)
    {
        // Counting positive/negative pairs group by group equals the Mann-Whitney U with average ranks for ties.
        double negativesBelow = 0, concordant = 0, positives = 0;
        var start = 0;
        foreach (var end in _groupEnds)
        {
            double groupPositives = 0, groupNegatives = 0;
            for (var k = start; k < end; k++)
            {
                var w = weights[_order[k]];
                if (_sortedLabels[k])
                {
                    groupPositives += w;
                }
                else
                {
                    groupNegatives += w;
                }
            }

            concordant += groupPositives * (negativesBelow + (0.5 * groupNegatives));
            negativesBelow += groupNegatives;
            positives += groupPositives;
            start = end;
        }

        return positives == 0 || negativesBelow == 0 ? double.NaN : concordant / (positives * negativesBelow);
    }
}
