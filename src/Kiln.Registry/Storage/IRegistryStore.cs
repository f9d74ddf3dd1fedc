using Kiln.Registry.Models;
using Kiln.Registry.Queries;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Storage;

/// <summary>Persistence of runs, versions and aliases; SQLite today, a server database later.</summary>
public interface IRegistryStore
{
    /// <summary>Where the data lives, for error messages (a file path or a server name).</summary>
    string Location { get; }

    /// <summary>Records a new running run.</summary>
    void InsertRun(string id, RunStart start, DateTimeOffset startedAt);

    /// <summary>Marks a running run finished.</summary>
    void FinishRun(string runId, RunStatus status, DateTimeOffset endedAt);

    /// <summary>Adds or overwrites parameters of a run.</summary>
    void SetParameters(string runId, IReadOnlyDictionary<string, string> parameters);

    /// <summary>Adds or overwrites metrics of a run.</summary>
    void SetMetrics(string runId, IReadOnlyDictionary<string, double> metrics);

    /// <summary>Records raw data a run consumed.</summary>
    void AddDataset(string runId, DatasetLineage dataset);

    /// <summary>Records a file a run produced.</summary>
    void AddArtifact(string runId, ArtifactRecord artifact);

    /// <summary>The run with <paramref name="runId"/>, or null.</summary>
    Run? FindRun(string runId);

    /// <summary>The most recently started runs, newest first.</summary>
    IReadOnlyList<Run> RecentRuns(int limit);

    /// <summary>One page of the runs matching <paramref name="query"/>, in its order, and how many match in all; filtering, sorting and paging happen in the database.</summary>
    RunPage QueryRuns(RunQuery query);

    /// <summary>The environments, recent versions, and metric and parameter keys that runs have.</summary>
    RunFacets RunFacets();

    /// <summary>Commits the next version of a model and moves the requested aliases to it, atomically.</summary>
    ModelVersion CreateVersion(NewModelVersion version);

    /// <summary>Points <paramref name="alias"/> of <paramref name="model"/> at <paramref name="version"/>, moving it if set.</summary>
    void SetAlias(string model, string alias, int version);

    /// <summary>Removes an alias; false when it was not set.</summary>
    bool RemoveAlias(string model, string alias);

    /// <summary>One version, or null.</summary>
    ModelVersion? FindVersion(string model, int version);

    /// <summary>The version an alias points at, or null.</summary>
    ModelVersion? FindVersionByAlias(string model, string alias);

    /// <summary>All versions (of one model, or of all), by model name then newest version first.</summary>
    IReadOnlyList<ModelVersion> ListVersions(string? model = null);

    /// <summary>One page of a model's versions, newest first, and how many it has; paged in the database.</summary>
    VersionPage QueryVersions(string model, int offset, int limit);

    /// <summary>Every registered model name.</summary>
    IReadOnlyList<string> ModelNames();

    /// <summary>The aliases of a model and their versions.</summary>
    IReadOnlyDictionary<string, int> Aliases(string model);

    /// <summary>Moves an alias as <paramref name="move"/> asks and records its reason, in one transaction that first checks the alias still points at <see cref="AliasMove.ExpectedVersion"/> (else <see cref="AliasConflictException"/>).</summary>
    void MoveAlias(AliasMove move);

    /// <summary>The recorded moves of a model's aliases, newest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<AliasHistoryEntry> AliasHistory(string model, int limit);

    /// <summary>Records that an image carries a version; recording the same reference again points it at the new version.</summary>
    void AddImage(string model, ModelImage image);

    /// <summary>The images recorded for a model, newest first.</summary>
    IReadOnlyList<ModelImage> Images(string model);

    /// <summary>Every content hash some version or run still references, for garbage collection.</summary>
    IReadOnlySet<string> ReferencedArtifactHashes();
}
