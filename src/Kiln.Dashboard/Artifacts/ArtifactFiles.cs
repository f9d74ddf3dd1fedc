using Kiln.Hashing;
using Kiln.Registry;

namespace Kiln.Dashboard.Artifacts;

/// <summary>Reads artifacts from the registry's artifact store (a directory or S3) by hash only, refusing any recorded "hash" that could name a file outside it, and verifying every read.</summary>
/// <param name="registry">The registry whose artifact store holds the files.</param>
public sealed class ArtifactFiles(ModelRegistry registry)
{
    /// <summary>The largest artifact read into memory (reports, cards, curves); bigger ones are only streamed.</summary>
    public const int MaxInMemoryBytes = 16 << 20;

    /// <summary>A verified local copy of the content with <paramref name="sha256"/> (fetched first from a remote store); throws <see cref="ArtifactRefusedException"/> for a hash that is not one and <see cref="ArtifactIntegrityException"/> when the content is missing or damaged.</summary>
    /// <param name="sha256">The recorded hash.</param>
    public VerifiedFile Open(string sha256)
    {
        var path = registry.Content.Fetch(Checked(sha256));
        return new VerifiedFile(path, sha256, new FileInfo(path).Length);
    }

    /// <summary>The bytes with <paramref name="sha256"/>, hashed again as read, so what is returned is exactly what was recorded.</summary>
    /// <param name="sha256">The recorded hash.</param>
    public byte[] ReadAllBytes(string sha256)
    {
        var path = registry.Content.Fetch(Checked(sha256));
        if (new FileInfo(path).Length > MaxInMemoryBytes)
        {
            throw new ArtifactRefusedException($"'{path}' is larger than {MaxInMemoryBytes >> 20} MB; download it instead of showing it");
        }

        var bytes = File.ReadAllBytes(path);
        var actual = FileHash.Sha256(bytes);
        return actual == sha256 ? bytes : throw new ArtifactIntegrityException(path, sha256, actual);
    }

    /// <summary>Whether the store holds content with <paramref name="sha256"/> (not yet verified; reads verify).</summary>
    /// <param name="sha256">The recorded hash.</param>
    public bool IsStored(string sha256) => IsSha256(sha256) && registry.Content.Exists(sha256);

    // A recorded hash is the only thing that names stored content, and only 64 hex digits do: no separators, no '..', no
    // absolute path, so a tampered row cannot make the store read (or fetch) anything but content it holds.
    private static string Checked(string sha256) => IsSha256(sha256)
        ? sha256
        : throw new ArtifactRefusedException($"the recorded hash '{Shorten(sha256)}' is not a sha256, so it cannot name a file in the artifact store; refusing to read it");

    private static bool IsSha256(string? sha256) => sha256 is { Length: 64 } && sha256.All(char.IsAsciiHexDigitLower);

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
