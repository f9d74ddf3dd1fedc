namespace Kiln.Statistics.Hashing;

/// <summary>A 64-bit hash that is the same in every process and on every machine (string.GetHashCode is randomised per process), for distinct counts and duplicate detection.</summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>Hashes the characters of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = FnvOffset;
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>Hashes a number by its value, so 1 and 1.0 hash alike (and 0 and -0).</summary>
    /// <param name="value">The number.</param>
    public static ulong Of(double value) => Mix((ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0 : value) ^ 0x9E3779B97F4A7C15);

    // SplitMix64's finaliser: FNV alone leaves the low and high bits poorly mixed, which HyperLogLog relies on.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
