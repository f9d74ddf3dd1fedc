using Kiln.Hashing;
using Kiln.Registry;

namespace Kiln.Dashboard.Artifacts;

/// <summary>Reads artifacts from the registry's content store by hash only, refusing anything outside the store and verifying every read.</summary>
/// <param name="registry">The registry whose store holds the files.</param>
public sealed class ArtifactFiles(ModelRegistry registry)
{
    /// <summary>The largest artifact read into memory (reports, cards, curves); bigger ones are only streamed.</summary>
    public const int MaxInMemoryBytes = 16 << 20;

    /// <summary>The file with <paramref name="sha256"/>, verified; throws <see cref="ArtifactRefusedException"/> outside the store and <see cref="ArtifactIntegrityException"/> when missing or damaged.</summary>
    /// <param name="sha256">The recorded hash.</param>
    public VerifiedFile Open(string sha256)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            throw new ArtifactIntegrityException(path, sha256, null);
        }

        var actual = FileHash.Sha256(path);
        return actual == sha256 ? new VerifiedFile(path, sha256, new FileInfo(path).Length) : throw new ArtifactIntegrityException(path, sha256, actual);
    }

    /// <summary>The bytes with <paramref name="sha256"/>, hashed as read so what is returned is exactly what was recorded.</summary>
    /// <param name="sha256">The recorded hash.</param>
    public byte[] ReadAllBytes(string sha256)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            throw new ArtifactIntegrityException(path, sha256, null);
        }

        if (new FileInfo(path).Length > MaxInMemoryBytes)
        {
            throw new ArtifactRefusedException($"'{path}' is larger than {MaxInMemoryBytes >> 20} MB; download it instead of showing it");
        }

        var bytes = File.ReadAllBytes(path);
        var actual = FileHash.Sha256(bytes);
        return actual == sha256 ? bytes : throw new ArtifactIntegrityException(path, sha256, actual);
    }

    /// <summary>Whether content with <paramref name="sha256"/> is in the store (not yet verified; reads verify).</summary>
    /// <param name="sha256">The recorded hash.</param>
    public bool IsStored(string sha256)
    {
        try
        {
            return File.Exists(PathOf(sha256));
        }
        catch (ArtifactRefusedException)
        {
            return false;
        }
    }

    private string PathOf(string sha256)
    {
        // A recorded hash is the only thing that names a file, and only 64 hex digits do: no separators, no '..', no absolute path.
        if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArtifactRefusedException($"the recorded hash '{Shorten(sha256)}' is not a sha256, so it cannot name a file in the content store; refusing to read it");
        }

        var root = registry.Content.Root;
        var path = Path.GetFullPath(registry.Content.PathOf(sha256));
        return path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArtifactRefusedException($"'{path}' is outside the content store '{root}'; refusing to read it");
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
