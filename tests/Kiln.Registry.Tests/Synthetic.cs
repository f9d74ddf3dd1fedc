namespace Kiln.Registry.Tests;

/// <summary>Seeded test rows: balanced labels and probabilities whose separation of the classes is chosen by the test.</summary>
public static class Synthetic
{
    public static bool[] Labels(int rows, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.5).ToArray();
    }

    /// <summary>Probabilities sigmoid(separation·(±1) + noise): larger separation means a better model.</summary>
    public static double[] Scores(bool[] labels, double separation, int seed)
    {
        var random = new Random(seed);
        return labels.Select(label =>
        {
            var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return 1 / (1 + Math.Exp(-((label ? separation : -separation) + noise)));
        }).ToArray();
    }
}
