namespace Kiln.Pipeline.Profiling;

/// <summary>The positive-label rate among the labelled rows of one bin or category, with its 95 % Wilson interval.</summary>
/// <param name="Bin">The bin or category, e.g. "≤ 12", "monthly", "other" or "missing".</param>
/// <param name="Rows">Labelled rows in the bin.</param>
/// <param name="Positives">Of those, rows labelled positive.</param>
/// <param name="Rate">Positives / rows (null when the bin is empty).</param>
/// <param name="Low">The interval's lower bound.</param>
/// <param name="High">The interval's upper bound.</param>
public sealed record LabelRate(string Bin, long Rows, long Positives, double Rate, double Low, double High)
{
    /// <summary>The rate of <paramref name="positives"/> among <paramref name="rows"/> with its Wilson interval.</summary>
    /// <param name="bin">The bin label.</param>
    /// <param name="positives">Positive rows.</param>
    /// <param name="rows">Labelled rows.</param>
    public static LabelRate Of(string bin, long positives, long rows)
    {
        var interval = Kiln.Statistics.Intervals.Proportion.Wilson(positives, rows);
        return new LabelRate(bin, rows, positives, interval.Rate, interval.Low, interval.High);
    }
}
