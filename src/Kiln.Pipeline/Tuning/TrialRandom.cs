namespace Kiln.Pipeline.Tuning;

/// <summary>The seeded random source of one trial: it depends only on the study seed and the trial number, never on which worker draws.</summary>
public static class TrialRandom
{
    /// <summary>A generator for trial <paramref name="number"/> of a study seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">The study seed.</param>
    /// <param name="number">The trial number.</param>
    /// <param name="stream">Separates independent uses within one trial (e.g. sampler and tie-breaks).</param>
    public static Random For(int seed, int number, int stream = 0) =>
        // Random(int) is a fixed algorithm across platforms and .NET versions, unlike Random.Shared.
        new(unchecked((seed * 1_000_003) ^ (number * 7_919) ^ (stream * 104_729)));
}
