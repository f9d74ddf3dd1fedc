using System.Globalization;

namespace Kiln.Dashboard.Charts;

/// <summary>The value ranges a chart's axes cover.</summary>
/// <param name="XMin">Left edge.</param>
/// <param name="XMax">Right edge.</param>
/// <param name="YMin">Bottom edge.</param>
/// <param name="YMax">Top edge.</param>
public sealed record ChartScale(double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>Both axes 0–1 (rates, probabilities).</summary>
    public static ChartScale Unit { get; } = new(0, 1, 0, 1);

    /// <summary>Ranges that hold every point with a little room, rounded to readable ticks; a flat range is widened.</summary>
    public static ChartScale Fit(IEnumerable<Registry.Runs.CurvePoint> points)
    {
        var all = points.ToList();
        if (all.Count == 0)
        {
            return Unit;
        }

        var (xMin, xMax) = Pad(all.Min(p => p.X), all.Max(p => p.X));
        var (yMin, yMax) = Pad(all.Min(p => p.Y), all.Max(p => p.Y));
        return new ChartScale(xMin, xMax, yMin, yMax);
    }

    /// <summary>The tick label of <paramref name="value"/> on an axis spanning <paramref name="span"/>.</summary>
    public static string Label(double value, double span)
    {
        var decimals = span >= 10 ? 0 : span >= 1 ? 1 : span >= 0.1 ? 2 : span >= 0.01 ? 3 : 4;
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static (double Min, double Max) Pad(double min, double max)
    {
        var span = max - min;
        var room = span > 0 ? span * 0.06 : Math.Max(Math.Abs(max) * 0.05, 0.5);
        var step = Step((span + 2 * room) / 5);
        return (Math.Floor((min - room) / step) * step, Math.Ceiling((max + room) / step) * step);
    }

    // The nearest 1, 2 or 5 times a power of ten, so ticks land on round numbers.
    private static double Step(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var scaled = raw / power;
        return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
    }
}
