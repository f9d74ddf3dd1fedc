using Kiln.Statistics.Binning;

namespace Kiln.Pipeline.Profiling;

/// <summary>Second-pass counters of a column profiled as numeric: its histogram, label rate per bin and, for a feature, train/test rows per bin.</summary>
/// <param name="column">The column's index in the header.</param>
/// <param name="bins">The quantile bins (for a feature: the training split's, as the model's reference statistics use).</param>
/// <param name="isFeature">Whether the column is a configured feature, compared between the splits.</param>
/// <param name="minimum">The smallest value.</param>
/// <param name="maximum">The largest value.</param>
/// <param name="integers">Whether every value is an integer.</param>
internal sealed class NumericColumnPlan(int column, FeatureBins bins, bool isFeature, double minimum, double maximum, bool integers)
{
    private const int EqualWidthBins = 20;
    private const int MaxIntegerBins = 60;

    public int Column { get; } = column;

    public FeatureBins Bins { get; } = bins;

    public bool IsFeature { get; } = isFeature;

    /// <summary>The first histogram bar's lower bound.</summary>
    public double Low { get; } = minimum;

    /// <summary>Each bar's width: 1 per integer for small integer ranges, else a twentieth of the range.</summary>
    public double Width { get; } = integers && maximum - minimum <= MaxIntegerBins ? 1 : maximum > minimum ? (maximum - minimum) / EqualWidthBins : 1;

    public long[] Histogram { get; } = new long[integers && maximum - minimum <= MaxIntegerBins ? (int)(maximum - minimum) + 1 : maximum > minimum ? EqualWidthBins : 1];

    public long[] RateRows { get; } = new long[bins.Count];

    public long[] RatePositives { get; } = new long[bins.Count];

    public long[] Train { get; } = new long[bins.Count];

    public long[] Test { get; } = new long[bins.Count];

    /// <summary>Counts one field.</summary>
    /// <param name="raw">The field as read.</param>
    /// <param name="label">1, 0 or -1.</param>
    /// <param name="side">0 train, 1 test, -1 not an accepted row.</param>
    public void Count(string raw, int label, int side)
    {
        var text = raw.AsSpan().Trim();
        int bin;
        if (text.IsEmpty)
        {
            bin = Bins.MissingBin;
        }
        else if (ProfileNumbers.TryParse(text.Length == raw.Length ? raw : text.ToString(), out var value))
        {
            Histogram[Math.Clamp((int)Math.Floor((value - Low) / Width), 0, Histogram.Length - 1)]++;
            bin = Bins.BinOf(value);
        }
        else
        {
            // Not a number: counted in the column's summary; its row is quarantined by Features.
            return;
        }

        if (label >= 0)
        {
            RateRows[bin]++;
            RatePositives[bin] += label;
        }

        if (IsFeature && side >= 0)
        {
            (side == 1 ? Test : Train)[bin]++;
        }
    }
}
