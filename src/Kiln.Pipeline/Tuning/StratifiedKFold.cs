namespace Kiln.Pipeline.Tuning;

/// <summary>Assigns rows to folds so every fold holds the same share of each class (as scikit-learn's StratifiedKFold with shuffling).</summary>
public static class StratifiedKFold
{
    /// <summary>The fold (0 to <paramref name="folds"/> − 1) of each row; the same labels, folds and seed give the same assignment.</summary>
    /// <param name="labels">The rows' labels, in file order.</param>
    /// <param name="folds">How many folds, at least 2 and at most the rows of the smaller class.</param>
    /// <param name="seed">Seeds the shuffle within each class.</param>
    public static int[] Assign(IReadOnlyList<bool> labels, int folds, int seed)
    {
        var smaller = Math.Min(labels.Count(l => l), labels.Count(l => !l));
        if (folds < 2 || folds > smaller)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"needs 2 to {smaller} folds: every fold must hold a row of each class");
        }

        var assignment = new int[labels.Count];
        var random = new Random(seed);
        foreach (var label in new[] { true, false })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            random.Shuffle(members);
            for (var position = 0; position < members.Length; position++)
            {
                assignment[members[position]] = position % folds;
            }
        }

        return assignment;
    }
}
