namespace Kiln.Statistics.Sampling;

/// <summary>Decides, item by item, which slots of a fixed-size uniform sample an item goes into (Algorithm R), with a fixed seed so samples are reproducible.</summary>
/// <param name="capacity">The most items the sample holds; every item is kept while fewer have been offered.</param>
/// <param name="seed">The seed of the replacement choices.</param>
public sealed class ReservoirSampler(int capacity, int seed = 17)
{
    private readonly Random _random = new(seed);

    /// <summary>The number of slots.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the sample needs at least one slot");

    /// <summary>How many items have been offered.</summary>
    public long Offered { get; private set; }

    /// <summary>How many slots hold an item.</summary>
    public int Count => (int)Math.Min(Offered, Capacity);

    /// <summary>True while every item offered so far is in the sample, so statistics of the sample are exact.</summary>
    public bool IsComplete => Offered <= Capacity;

    /// <summary>Offers the next item: returns the slot to store it in, or -1 when the item is not sampled.</summary>
    public int Offer()
    {
        var seen = Offered++;
        if (seen < Capacity)
        {
            return (int)seen;
        }

        // Each of the first n items stays in the sample with probability capacity / n.
        var slot = _random.NextInt64(seen + 1);
        return slot < Capacity ? (int)slot : -1;
    }
}
