namespace Kiln.Statistics.Summaries;

/// <summary>Counts distinct values in bounded memory: exactly up to a limit, then estimated with HyperLogLog (about 0.8 % standard error).</summary>
/// <param name="exactLimit">How many distinct hashes are kept exactly before switching to the estimate.</param>
public sealed class DistinctCounter(int exactLimit = 65_536)
{
    private const int Precision = 14;
    private const int Registers = 1 << Precision;

    private HashSet<ulong>? _exact = [];
    private byte[]? _registers;

    /// <summary>True while the count is exact.</summary>
    public bool IsExact => _exact is not null;

    /// <summary>The number of distinct values added (an estimate once <see cref="IsExact"/> is false).</summary>
    public long Count => _exact?.Count ?? Estimate();

    /// <summary>Adds the hash of a value (see <see cref="Hashing.StableHash"/>).</summary>
    /// <param name="hash">A well-mixed 64-bit hash.</param>
    public void Add(ulong hash)
    {
        if (_exact is not null)
        {
            if (!_exact.Add(hash) || _exact.Count <= exactLimit)
            {
                return;
            }

            _registers = new byte[Registers];
            foreach (var kept in _exact)
            {
                Register(kept);
            }

            _exact = null;
            return;
        }

        Register(hash);
    }

    private void Register(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rank = (byte)(System.Numerics.BitOperations.LeadingZeroCount((hash << Precision) | (1UL << (Precision - 1))) + 1);
        if (rank > _registers![index])
        {
            _registers[index] = rank;
        }
    }

    private long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers!)
        {
            sum += Math.Pow(2, -register);
            zeros += register == 0 ? 1 : 0;
        }

        const double alpha = 0.7213 / (1 + 1.079 / Registers);
        var raw = alpha * Registers * Registers / sum;
        // Linear counting is more accurate while many registers are still empty.
        return (long)Math.Round(raw <= 2.5 * Registers && zeros > 0 ? Registers * Math.Log((double)Registers / zeros) : raw);
    }
}
