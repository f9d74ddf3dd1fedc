using System.Text;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

namespace Kiln.Registry;

/// <summary>Where the registry lives, how it is opened, how long a writer waits for another writer's lock, how runs heartbeat, and where artifacts are stored.</summary>
/// <param name="Store">The row store: <c>sqlite:&lt;file&gt;</c>, <c>postgres://user@host:5432/db</c>, or a plain path, which is a SQLite file.</param>
/// <param name="BusyTimeout">How long to wait for a SQLite lock held by another process or thread (default 30 s).</param>
/// <param name="Heartbeat">Heartbeat interval and staleness threshold of runs (default <see cref="HeartbeatPolicy.Default"/>: 5 s and 30 s).</param>
/// <param name="Artifacts">The artifact store's URI (<c>file:&lt;dir&gt;</c> or <c>s3://bucket/prefix</c>); null is <c>store/</c> beside a SQLite database (a server database needs one).</param>
/// <param name="ArtifactStore">The base directory, cache and S3 settings the artifact store opens with; null reads the environment.</param>
/// <param name="Postgres">The password, retries and timeouts of a <c>postgres://</c> store; null reads <c>PGPASSWORD</c> and uses the defaults.</param>
/// <param name="Access">Read-write (creates and migrates) or read-only (only checks the schema, writes nothing).</param>
public sealed record RegistryOptions(
    string Store,
    TimeSpan? BusyTimeout = null,
    HeartbeatPolicy? Heartbeat = null,
    string? Artifacts = null,
    ArtifactStoreOptions? ArtifactStore = null,
    PostgresSettings? Postgres = null,
    StoreAccess Access = StoreAccess.ReadWrite)
{
    /// <summary>Options for the conventional location <c>artifacts/registry/kiln.db</c> under a repository root.</summary>
    public static RegistryOptions ForRepository(string rootDirectory) =>
        new(Path.Combine(rootDirectory, "artifacts", "registry", "kiln.db"));

    /// <summary>The store as a URI: <see cref="Store"/>, with a plain path written as <c>sqlite:&lt;path&gt;</c>.</summary>
    public string StoreUri => RegistryStores.IsUri(Store) ? Store : RegistryStores.SqliteScheme + Store;

    /// <summary>Whether the store is an embedded SQLite file.</summary>
    public bool IsSqlite => RegistryStores.IsSqlite(StoreUri);

    /// <summary>The SQLite file; only for a SQLite store.</summary>
    public string DatabasePath => IsSqlite
        ? RegistryStores.SqlitePath(StoreUri)
        : throw new InvalidOperationException($"The registry store {RegistryStores.Describe(StoreUri)} is a server database, not a SQLite file.");

    /// <summary>The directory of content-addressed artifact files next to a SQLite database, the default <see cref="Artifacts"/> of an embedded registry.</summary>
    public string StoreDirectory =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabasePath)) ?? ".", "store");

    /// <summary>The artifact store's URI actually used.</summary>
    public string EffectiveArtifacts => Artifacts ?? (IsSqlite
        ? ArtifactStores.FileScheme + StoreDirectory
        : throw new RegistryException(
            $"The registry store {RegistryStores.Describe(StoreUri)} is shared, but no artifact store is set: the versions' files would stay on this machine. " +
            "Set registry.artifacts to s3://bucket/prefix (or file: on a directory every machine mounts)."));

    /// <summary><see cref="EffectiveArtifacts"/> with a relative <c>file:</c> directory made absolute, as another process (the service) must be given it.</summary>
    public string ResolvedArtifacts => ArtifactStores.Resolve(EffectiveArtifacts, EffectiveArtifactStore.BaseDirectory);

    /// <summary>Opens the configured artifact store.</summary>
    public IArtifactStore OpenArtifactStore() => ArtifactStores.Open(EffectiveArtifacts, EffectiveArtifactStore, "registry.artifacts");

    private ArtifactStoreOptions EffectiveArtifactStore => ArtifactStore ?? ArtifactStoreOptions.FromEnvironment(Environment.CurrentDirectory);

    /// <summary>The lock wait actually used.</summary>
    public TimeSpan EffectiveBusyTimeout => BusyTimeout ?? TimeSpan.FromSeconds(30);

    // Only the given settings: the derived ones throw for a store they do not apply to, and logging options must never fail (the password is masked by PostgresSettings).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Store = {StoreUri}, Artifacts = {Artifacts ?? "(beside the database)"}, Access = {Access}, BusyTimeout = {EffectiveBusyTimeout}, Heartbeat = {Heartbeat}, Postgres = {Postgres}");
        return true;
    }
}
