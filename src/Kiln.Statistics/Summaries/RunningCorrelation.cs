namespace Kiln.Statistics.Summaries;

/// <summary>Pearson's correlation of two streams of paired numbers in one pass (co-moments updated like Welford's variance).</summary>
public sealed class RunningCorrelation
{
    private double _meanX;
    private double _meanY;
    private double _m2X;
    private double _m2Y;
    private double _cXY;

    /// <summary>How many pairs were added.</summary>
    public long Count { get; private set; }

    /// <summary>Pearson's r, or NaN with fewer than two pairs or when either side is constant.</summary>
    public double Pearson => Count < 2 || _m2X <= 0 || _m2Y <= 0 ? double.NaN : Math.Clamp(_cXY / Math.Sqrt(_m2X * _m2Y), -1, 1);

    /// <summary>Adds a pair of finite values.</summary>
    /// <param name="x">The first value.</param>
    /// <param name="y">The second value.</param>
    public void Add(double x, double y)
    {
        Count++;
        var dx = x - _meanX;
        _meanX += dx / Count;
        var dy = y - _meanY;
        _meanY += dy / Count;
        _m2X += dx * (x - _meanX);
        _m2Y += dy * (y - _meanY);
        _cXY += dx * (y - _meanY);
    }
}
