using Kiln.Registry.Artifacts;
using Kiln.Registry.Runs;

namespace Kiln.Registry;

/// <summary>Where the registry lives, how long a writer waits for another writer's lock, how runs heartbeat, and where artifacts are stored.</summary>
/// <param name="DatabasePath">The SQLite file; by default its directory also holds the content-addressed <c>store/</c>.</param>
/// <param name="BusyTimeout">How long to wait for a lock held by another process or thread (default 30 s).</param>
/// <param name="Heartbeat">Heartbeat interval and staleness threshold of runs (default <see cref="HeartbeatPolicy.Default"/>: 5 s and 30 s).</param>
/// <param name="Artifacts">The artifact store's URI (<c>file:&lt;dir&gt;</c> or <c>s3://bucket/prefix</c>); null is <c>store/</c> beside the database.</param>
/// <param name="ArtifactStore">The base directory, cache and S3 settings the store opens with; null reads the environment.</param>
public sealed record RegistryOptions(string DatabasePath, TimeSpan? BusyTimeout = null, HeartbeatPolicy? Heartbeat = null, string? Artifacts = null, ArtifactStoreOptions? ArtifactStore = null)
{
    /// <summary>Options for the conventional location <c>artifacts/registry/kiln.db</c> under a repository root.</summary>
    public static RegistryOptions ForRepository(string rootDirectory) =>
        new(Path.Combine(rootDirectory, "artifacts", "registry", "kiln.db"));

    /// <summary>The directory of content-addressed artifact files, next to the database.</summary>
    public string StoreDirectory =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabasePath)) ?? ".", "store");

    /// <summary>The artifact store's URI actually used.</summary>
    public string EffectiveArtifacts => Artifacts ?? ArtifactStores.FileScheme + StoreDirectory;

    /// <summary>Opens the configured artifact store.</summary>
    public IArtifactStore OpenArtifactStore() =>
        ArtifactStores.Open(EffectiveArtifacts, ArtifactStore ?? ArtifactStoreOptions.FromEnvironment(Environment.CurrentDirectory), "registry.artifacts");

    /// <summary>The lock wait actually used.</summary>
    public TimeSpan EffectiveBusyTimeout => BusyTimeout ?? TimeSpan.FromSeconds(30);
}
