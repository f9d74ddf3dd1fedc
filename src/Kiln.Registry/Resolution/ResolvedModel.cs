using Kiln.Hashing;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Models;

namespace Kiln.Registry.Resolution;

/// <summary>Where a referenced model file is, the hash it must have, and the version it belongs to.</summary>
/// <param name="Reference">The reference that was resolved.</param>
/// <param name="Path">The model file to load.</param>
/// <param name="ExpectedSha256">The hash recorded at registration, or null for a plain file path.</param>
/// <param name="Version">The registered version, or null for a plain file path.</param>
/// <param name="Store">The artifact store a registered version is fetched from, or null for a plain file path.</param>
public sealed record ResolvedModel(string Reference, string Path, string? ExpectedSha256, ModelVersion? Version, IArtifactStore? Store = null)
{
    /// <summary>Checks the file exists and (for registered versions) hashes to the recorded sha256, fetching it from a remote store first; returns the path to load.</summary>
    public string Verify()
    {
        if (Store is not null && ExpectedSha256 is not null)
        {
            return Store.Fetch(ExpectedSha256);
        }

        if (!File.Exists(Path))
        {
            if (ExpectedSha256 is null)
            {
                throw new RegistryException($"Model file '{Path}' (from '{Reference}') does not exist.");
            }

            throw new ArtifactIntegrityException(Path, ExpectedSha256, null);
        }

        if (ExpectedSha256 is not null)
        {
            var actual = FileHash.Sha256(Path);
            if (actual != ExpectedSha256)
            {
                throw new ArtifactIntegrityException(Path, ExpectedSha256, actual);
            }
        }

        return Path;
    }
}
