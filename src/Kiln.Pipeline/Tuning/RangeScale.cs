using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>The continuous axis a numeric range is searched on: log for log ranges, widened by half a step for whole numbers so each integer gets an equal share.</summary>
/// <param name="Range">The numeric range.</param>
/// <param name="Low">The axis' lower end.</param>
/// <param name="High">The axis' upper end.</param>
public sealed record RangeScale(HyperparameterRange Range, double Low, double High)
{
    /// <summary>The axis of <paramref name="range"/>.</summary>
    /// <param name="range">A range that is not a choice.</param>
    public static RangeScale Of(HyperparameterRange range)
    {
        var (low, high) = range.IsInteger ? (range.Low - 0.5, range.High + 0.5) : (range.Low, range.High);
        if (range.IsLog)
        {
            // For whole numbers from 1 the widened low end is 0.5, still above zero.
            (low, high) = (Math.Log(Math.Max(low, range.Low / 2)), Math.Log(high));
        }

        return new RangeScale(range, low, high);
    }

    /// <summary>The axis position of a hyperparameter value.</summary>
    /// <param name="value">A value inside the range.</param>
    public double ToAxis(double value) => Range.IsLog ? Math.Log(value) : value;

    /// <summary>The hyperparameter value at an axis position, rounded and clamped into the range.</summary>
    /// <param name="axis">A position on the axis.</param>
    public double ToValue(double axis)
    {
        var value = Range.IsLog ? Math.Exp(axis) : axis;
        if (Range.IsInteger)
        {
            value = Math.Round(value, MidpointRounding.AwayFromZero);
        }
        else if (value != 0)
        {
            // Four significant digits: the config then reads 0.0423, not 0.04231967120351, and still holds exactly what the trial scored.
            var digits = Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15);
            value = Math.Round(value, digits, MidpointRounding.AwayFromZero);
        }

        return Math.Clamp(value, Range.Low, Range.High);
    }
}
