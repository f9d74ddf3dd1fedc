using Kiln.Registry.Artifacts;

namespace Kiln.Registry.Transfer;

/// <summary>Copies content from one artifact store to another by sha256, counting what it sent.</summary>
/// <remarks>Content is named by its hash, so whatever the target already holds (from an earlier copy or another checkout) is never sent twice.</remarks>
/// <param name="source">Where the content is (every read verified against its hash).</param>
/// <param name="target">Where it must be.</param>
internal sealed class ArtifactCopier(IArtifactStore source, IArtifactStore target)
{
    /// <summary>How many files were sent.</summary>
    public int Copied { get; private set; }

    /// <summary>How many bytes were sent.</summary>
    public long Bytes { get; private set; }

    /// <summary>Makes sure the target holds <paramref name="sha256"/>, copying it from the source when it does not; returns the target's local path for it.</summary>
    public string Ensure(string sha256)
    {
        if (!target.Exists(sha256))
        {
            var stored = target.Put(source.Fetch(sha256));
            if (stored.Sha256 != sha256)
            {
                throw new ArtifactIntegrityException(stored.Path, sha256, stored.Sha256);
            }

            Copied++;
            Bytes += stored.SizeBytes;
        }

        return target.LocalPath(sha256);
    }
}
