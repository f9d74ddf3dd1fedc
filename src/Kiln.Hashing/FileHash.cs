using System.Security.Cryptography;

namespace Kiln.Hashing;

/// <summary>The one way every Kiln project hashes content (lowercase hex SHA-256), so a hash recorded by one stage matches the next.</summary>
public static class FileHash
{
    /// <summary>Returns the SHA-256 of the file, read as a stream so large files are never held in memory.</summary>
    /// <param name="path">The file to hash.</param>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Returns the SHA-256 of content already in memory, e.g. a file read once to be both hashed and loaded.</summary>
    /// <param name="content">The bytes to hash.</param>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
