namespace Kiln.Statistics.Summaries;

/// <summary>Count, mean, variance, minimum and maximum of a stream of numbers in one pass (Welford's method, numerically stable).</summary>
public sealed class RunningMoments
{
    private double _mean;
    private double _m2;

    /// <summary>How many values were added.</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value, or NaN when there is none.</summary>
    public double Minimum { get; private set; } = double.NaN;

    /// <summary>The largest value, or NaN when there is none.</summary>
    public double Maximum { get; private set; } = double.NaN;

    /// <summary>The mean, or NaN when there is no value.</summary>
    public double Mean => Count == 0 ? double.NaN : _mean;

    /// <summary>The sample standard deviation, or NaN with fewer than two values.</summary>
    public double StandardDeviation => Count < 2 ? double.NaN : Math.Sqrt(_m2 / (Count - 1));

    /// <summary>Adds a finite value.</summary>
    /// <param name="value">The value.</param>
    public void Add(double value)
    {
        Count++;
        var delta = value - _mean;
        _mean += delta / Count;
        _m2 += delta * (value - _mean);
        if (Count == 1)
        {
            Minimum = Maximum = value;
        }
        else if (value < Minimum)
        {
            Minimum = value;
        }
        else if (value > Maximum)
        {
            Maximum = value;
        }
    }
}
