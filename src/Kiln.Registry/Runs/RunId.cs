using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kiln.Registry.Runs;

/// <summary>Creates ULID-style run ids: 48-bit millisecond time then 80 random bits, Crockford base32, so ids sort by start time.</summary>
public static class RunId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new id for a run starting at <paramref name="at"/>.</summary>
    public static string New(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        // Shifting left by 16 puts the 48-bit timestamp in the first six big-endian bytes.
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)at.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);

        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }
}
