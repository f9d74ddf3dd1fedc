namespace Kiln.Registry.Artifacts;

/// <summary>Where a registry keeps artifact files, content-addressed by sha256: a local directory (<c>file:</c>) or an S3 bucket (<c>s3://</c>); every read is verified against the hash.</summary>
public interface IArtifactStore
{
    /// <summary>Where the artifacts live, for messages (e.g. <c>file:/repo/artifacts/registry/store</c> or <c>s3://bucket/prefix</c>).</summary>
    string Location { get; }

    /// <summary>Stores what <paramref name="source"/> holds, hashing while reading it; returns once the content is complete and verified in the store, so the caller can record it (see <see cref="ArtifactStoreExtensions"/> for files and bytes).</summary>
    StoredContent Put(Stream source);

    /// <summary>Whether the store holds content with <paramref name="sha256"/> (without reading it).</summary>
    bool Exists(string sha256);

    /// <summary>The local file a verified copy of <paramref name="sha256"/> is (or will be, after <see cref="Fetch"/>) at.</summary>
    string LocalPath(string sha256);

    /// <summary>A local file whose content was checked to hash to <paramref name="sha256"/>, fetched first when the store is remote; <see cref="ArtifactIntegrityException"/> when it is missing or differs.</summary>
    string Fetch(string sha256);

    /// <summary>Deletes stored content not in <paramref name="referenced"/> that is older than <paramref name="minimumAge"/> (leftovers of interrupted registrations); returns what it removed.</summary>
    IReadOnlyList<string> CollectGarbage(IReadOnlySet<string> referenced, TimeSpan minimumAge);
}
