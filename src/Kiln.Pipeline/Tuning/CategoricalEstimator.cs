namespace Kiln.Pipeline.Tuning;

/// <summary>The categorical counterpart of <see cref="ParzenEstimator"/>: observed counts plus one prior count per category.</summary>
/// <param name="categories">How many categories there are.</param>
/// <param name="observed">The observed category indices.</param>
public sealed class CategoricalEstimator(int categories, IEnumerable<int> observed)
{
    private readonly double[] _weights = Weights(categories, observed);

    /// <summary>Draws a category index in proportion to its weight.</summary>
    /// <param name="random">The trial's random source.</param>
    public int Sample(Random random)
    {
        var u = random.NextDouble();
        for (var i = 0; i < _weights.Length; i++)
        {
            u -= _weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return _weights.Length - 1;
    }

    /// <summary>The log probability of category <paramref name="index"/>.</summary>
    /// <param name="index">A category index.</param>
    public double LogDensity(int index) => Math.Log(_weights[index]);

    private static double[] Weights(int categories, IEnumerable<int> observed)
    {
        var counts = Enumerable.Repeat(1.0, categories).ToArray();
        foreach (var index in observed)
        {
            counts[index]++;
        }

        var total = counts.Sum();
        return [.. counts.Select(c => c / total)];
    }
}
