using System.Text.Json;

namespace Kiln.Serving.Parsing;

/// <summary>The category strings one input has received, so a repeated value costs a byte comparison instead of a new string.</summary>
/// <remarks>Bounded, so clients sending endless distinct values cannot grow it; lock-free reads, copy-on-write additions.</remarks>
internal sealed class CategoryCache
{
    private const int Capacity = 64;
    private Entry[] _entries = [];

    /// <summary>The reader's current string, reusing a cached instance when the bytes match; null, with why, when it is not valid text.</summary>
    /// <param name="reader">A reader positioned on a string token.</param>
    /// <param name="problem">Why the string is not valid text (see <see cref="JsonText.GetString(ref Utf8JsonReader, out string?)"/>).</param>
    public string? Get(ref Utf8JsonReader reader, out string? problem)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return JsonText.GetString(ref reader, out problem);
        }

        var bytes = reader.ValueSpan;
        var entries = Volatile.Read(ref _entries);
        foreach (var entry in entries)
        {
            if (bytes.SequenceEqual(entry.Utf8))
            {
                problem = null;
                return entry.Value;
            }
        }

        var value = JsonText.GetString(ref reader, out problem);
        if (value is not null && entries.Length < Capacity)
        {
            // A lost race only drops one cache entry; the value returned is correct either way.
            Interlocked.CompareExchange(ref _entries, [.. entries, new Entry(bytes.ToArray(), value)], entries);
        }

        return value;
    }

    private sealed record Entry(byte[] Utf8, string Value);
}
