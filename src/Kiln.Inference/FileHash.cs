using System.Security.Cryptography;

namespace Kiln.Inference;

/// <summary>The one way every Kiln project hashes files, so hashes recorded by one stage match the next.</summary>
public static class FileHash
{
    /// <summary>Returns the lowercase hex SHA-256 of the file, read as a stream so large files are never held in memory.</summary>
    /// <param name="path">The file to hash.</param>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
