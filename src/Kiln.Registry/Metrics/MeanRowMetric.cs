namespace Kiln.Registry.Metrics;

/// <summary>A metric that is the weighted mean of a per-row value (log loss, Brier score, accuracy).</summary>
internal sealed class MeanRowMetric(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, Func<bool, double, double> perRow) : IWeightedMetric
{
    private readonly double[] _values = labels.Select((label, i) => perRow(label, scores[i])).ToArray();

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<int> weights)
    {
        double sum = 0, count = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            sum += weights[i] * _values[i];
            count += weights[i];
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
