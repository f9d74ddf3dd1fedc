using Kiln.Registry.Runs;

namespace Kiln.Registry;

/// <summary>Where the registry lives, how long a writer waits for another writer's lock, and how runs heartbeat.</summary>
/// <param name="DatabasePath">The SQLite file; its directory also holds the content-addressed <c>store/</c>.</param>
/// <param name="BusyTimeout">How long to wait for a lock held by another process or thread (default 30 s).</param>
/// <param name="Heartbeat">Heartbeat interval and staleness threshold of runs (default <see cref="HeartbeatPolicy.Default"/>: 5 s and 30 s).</param>
public sealed record RegistryOptions(string DatabasePath, TimeSpan? BusyTimeout = null, HeartbeatPolicy? Heartbeat = null)
{
    /// <summary>Options for the conventional location <c>artifacts/registry/kiln.db</c> under a repository root.</summary>
    public static RegistryOptions ForRepository(string rootDirectory) =>
        new(Path.Combine(rootDirectory, "artifacts", "registry", "kiln.db"));

    /// <summary>The directory of content-addressed artifact files, next to the database.</summary>
    public string StoreDirectory =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabasePath)) ?? ".", "store");

    /// <summary>The lock wait actually used.</summary>
    public TimeSpan EffectiveBusyTimeout => BusyTimeout ?? TimeSpan.FromSeconds(30);
}
