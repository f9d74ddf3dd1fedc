namespace Kiln.Pipeline.Features;

/// <summary>Chooses held-out rows reproducibly, keeping the label balance in both splits when stratified.</summary>
public static class StratifiedSplit
{
    /// <summary>Returns, for each row, whether it belongs to the test split.</summary>
    /// <param name="labels">Each row's label.</param>
    /// <param name="testFraction">The fraction of rows (per class when stratified) held out.</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <param name="stratify">True to split each label class separately.</param>
    public static bool[] TestMask(IReadOnlyList<bool> labels, double testFraction, int seed, bool stratify)
    {
        var mask = new bool[labels.Count];
        var random = new Random(seed);
        var groups = stratify
            ? [Enumerable.Range(0, labels.Count).Where(i => !labels[i]).ToArray(), Enumerable.Range(0, labels.Count).Where(i => labels[i]).ToArray()]
            : new[] { Enumerable.Range(0, labels.Count).ToArray() };
        foreach (var group in groups)
        {
            random.Shuffle(group);
            var take = (int)Math.Round(group.Length * testFraction, MidpointRounding.AwayFromZero);
            foreach (var index in group.Take(take))
            {
                mask[index] = true;
            }
        }

        return mask;
    }
}
