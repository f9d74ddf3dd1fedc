namespace Kiln.Pipeline.Tuning;

/// <summary>A mixture of Gaussians truncated to an axis: one kernel per observed point plus a wide prior kernel (Bergstra et al., 2011).</summary>
public sealed class ParzenEstimator
{
    private readonly double _low;
    private readonly double _high;
    private readonly double[] _means;
    private readonly double[] _sigmas;
    private readonly double[] _logNormalisers;

    /// <summary>Fits the kernels to <paramref name="points"/> on the axis [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="low">The axis' lower end.</param>
    /// <param name="high">The axis' upper end.</param>
    /// <param name="points">Observed positions on the axis.</param>
    public ParzenEstimator(double low, double high, IReadOnlyList<double> points)
    {
        _low = low;
        _high = high;
        var width = high - low;
        var sorted = points.Order().ToArray();
        _means = [.. sorted, (low + high) / 2];
        _sigmas = new double[_means.Length];
        // The bandwidth of a kernel is the larger gap to its neighbours, kept between a floor that shrinks with more data and the axis width.
        var floor = width / Math.Min(100.0, 1.0 + sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            var left = sorted[i] - (i == 0 ? low : sorted[i - 1]);
            var right = (i == sorted.Length - 1 ? high : sorted[i + 1]) - sorted[i];
            _sigmas[i] = Math.Clamp(Math.Max(left, right), floor, width);
        }

        _sigmas[^1] = width;
        _logNormalisers = [.. _means.Select((mean, i) => Math.Log(Math.Max(1e-300, Gaussian.Cdf((high - mean) / _sigmas[i]) - Gaussian.Cdf((low - mean) / _sigmas[i]))))];
    }

    /// <summary>Draws one position: a kernel chosen evenly, then a Gaussian draw kept inside the axis.</summary>
    /// <param name="random">The trial's random source.</param>
    public double Sample(Random random)
    {
        var k = random.Next(_means.Length);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var x = _means[k] + _sigmas[k] * Gaussian.Sample(random);
            if (x >= _low && x <= _high)
            {
                return x;
            }
        }

        return Math.Clamp(_means[k], _low, _high);
    }

    /// <summary>The log of the mixture's density at <paramref name="x"/>.</summary>
    /// <param name="x">A position on the axis.</param>
    public double LogDensity(double x)
    {
        var terms = new double[_means.Length];
        for (var i = 0; i < _means.Length; i++)
        {
            var z = (x - _means[i]) / _sigmas[i];
            terms[i] = -0.5 * z * z - Math.Log(_sigmas[i]) - 0.5 * Math.Log(2 * Math.PI) - _logNormalisers[i];
        }

        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max))) - Math.Log(_means.Length);
    }
}
