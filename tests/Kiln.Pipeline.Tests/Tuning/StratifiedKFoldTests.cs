using Kiln.Pipeline.Tuning;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class StratifiedKFoldTests
{
    [Fact]
    public void EveryFoldHoldsTheSameShareOfEachClassWithinOneRow()
    {
        var random = new Random(4);
        var labels = Enumerable.Range(0, 1003).Select(_ => random.NextDouble() < 0.27).ToArray();

        var folds = StratifiedKFold.Assign(labels, 5, seed: 1);

        foreach (var label in new[] { true, false })
        {
            var perFold = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, labels.Length).Count(i => folds[i] == f && labels[i] == label)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, string.Join(",", perFold));
        }

        Assert.Equal(folds, StratifiedKFold.Assign(labels, 5, seed: 1));
        Assert.NotEqual(folds, StratifiedKFold.Assign(labels, 5, seed: 2));
    }

    [Fact]
    public void RefusesMoreFoldsThanTheSmallerClassHasRows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedKFold.Assign([true, true, false, false, false], 3, 1));
}
