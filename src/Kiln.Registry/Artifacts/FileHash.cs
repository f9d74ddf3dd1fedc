using System.Security.Cryptography;

namespace Kiln.Registry.Artifacts;

/// <summary>Lower-case hex sha256 of files and bytes.</summary>
public static class FileHash
{
    /// <summary>The sha256 of the file at <paramref name="path"/>.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
