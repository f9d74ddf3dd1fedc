using Kiln.Registry.Models;
using Kiln.Registry.Queries;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Registry.Storage;

/// <summary>Persistence of runs, versions and aliases: an embedded SQLite file or a shared PostgreSQL database (<see cref="RegistryStores"/> opens either from its URI).</summary>
/// <remarks>Rows only: the store records owners and heartbeats as given; deciding that a run was killed is <see cref="ModelRegistry"/>'s job.</remarks>
public interface IRegistryStore
{
    /// <summary>Where the data lives, for error messages (a file path or a server name).</summary>
    string Location { get; }

    /// <summary>Records a new running run owned by <paramref name="owner"/>; its first heartbeat is its start.</summary>
    void InsertRun(string id, RunStart start, RunOwner owner, DateTimeOffset startedAt);

    /// <summary>Records a run exactly as another registry recorded it (id, owner, times, status, parameters, metrics, lineage, artifacts), in one
    /// transaction; false, and nothing written, when a run with its id exists (so copying a registry twice copies it once).</summary>
    bool ImportRun(Run run);

    /// <summary>Marks a running run finished (succeeded or failed); fails if it already finished or was presumed killed.</summary>
    void FinishRun(string runId, RunStatus status, DateTimeOffset endedAt);

    /// <summary>Records that a running run's owner is alive at <paramref name="at"/>; false, and nothing written, once the run is no longer running.</summary>
    bool Heartbeat(string runId, DateTimeOffset at);

    /// <summary>Marks a run killed, ending it at its last heartbeat (or its start), only if it is still running and that last sign of life is
    /// older than <paramref name="staleBefore"/>, in one conditional update; false when it finished or beat meanwhile, so a run is never
    /// both finished and killed and a late heartbeat is never overruled by an observer that read the row before it.</summary>
    bool MarkKilled(string runId, DateTimeOffset staleBefore);

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

    /// <summary>The most recently started run of <paramref name="kind"/>, or null.</summary>
    Run? LatestRun(RunKind kind);

    /// <summary>The most recently started succeeded run of <paramref name="kind"/> that recorded an artifact with <paramref name="sha256"/>, or null.</summary>
    Run? FindRunWithArtifact(RunKind kind, string sha256);

    /// <summary>One page of the runs matching <paramref name="query"/>, in its order, and how many match in all; filtering, sorting and paging happen in the database.</summary>
    RunPage QueryRuns(RunQuery query);

    /// <summary>The environments, recent versions, and metric and parameter keys that runs have.</summary>
    RunFacets RunFacets();

    /// <summary>Commits the next version of a model and moves the requested aliases to it, atomically; when a version of the model already has
    /// a model file with the same sha256, commits nothing and returns that (oldest such) version instead; when <see cref="NewModelVersion.Expected"/>
    /// no longer holds, commits nothing and throws <see cref="AliasConflictException"/>.</summary>
    /// <remarks>
    /// The duplicate check, the alias check, the version number and the insert are one atomic step, so two concurrent registrations of the same
    /// bytes yield one version and two decisions against the same champion cannot both move it. SQLite gets that from BEGIN IMMEDIATE (one writer
    /// at a time); PostgreSQL, under READ COMMITTED, inserts the model's <c>registered_models</c> row if missing and locks it (<c>SELECT ... FOR
    /// UPDATE</c>) before checking, which also serialises version numbering. Alias moves take the same lock.
    /// A unique index cannot enforce it, because databases from before this rule may already hold duplicate versions.
    /// </remarks>
    RegisteredVersion CreateVersion(NewModelVersion version);

    /// <summary>Points <paramref name="alias"/> of <paramref name="model"/> at <paramref name="version"/>, moving it if set.</summary>
    void SetAlias(string model, string alias, int version);

    /// <summary>Removes an alias; false when it was not set.</summary>
    bool RemoveAlias(string model, string alias);

    /// <summary>One version, or null.</summary>
    ModelVersion? FindVersion(string model, int version);

    /// <summary>The oldest version of <paramref name="model"/> whose model file (first artifact) has <paramref name="sha256"/>, or null.</summary>
    ModelVersion? FindVersionByModelSha256(string model, string sha256);

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

    // Studies and trials. A trial's liveness is its run's: the run is inserted with its owner and heartbeats like any run, and
    // ModelRegistry decides (with RunOwner and HeartbeatPolicy) when a run is killed. The store only records and reads rows, so a
    // server database implements these with plain transactions: SQLite serialises them with BEGIN IMMEDIATE; PostgreSQL can lock the
    // study's row (SELECT ... FOR UPDATE on studies) at the start of ClaimTrial and FinishTrial, which also serialises the numbering.

    /// <summary>Creates the study, or returns the stored one (raising its budget when <paramref name="study"/> asks for more); a different fingerprint
    /// under the same name is a <see cref="RegistryException"/> naming both.</summary>
    StudyRecord OpenStudy(StudyRecord study);

    /// <summary>The study named <paramref name="name"/>, or null.</summary>
    StudyRecord? FindStudy(string name);

    /// <summary>Every study, newest first.</summary>
    IReadOnlyList<StudyRecord> ListStudies();

    /// <summary>
    /// In one transaction, and only one of: takes back the lowest-numbered running trial whose run is no longer running (killed, or
    /// interrupted and closed as failed), giving it a new run with the same parameters and one more attempt; or, while the study has
    /// fewer trials than its budget, starts the next number with the parameters <see cref="TrialClaimRequest.Suggest"/> chooses from every
    /// trial so far. The new run is inserted running, owned by <see cref="TrialClaimRequest.Owner"/>. Null when neither applies;
    /// a <see cref="RegistryEntryNotFoundException"/> when the study does not exist.
    /// </summary>
    TrialClaim? ClaimTrial(TrialClaimRequest request);

    /// <summary>In one transaction: records a trial's state, value and error, its run's metrics, and ends the run (succeeded, or failed for a
    /// failed trial). False, with nothing written, unless the trial is running, <see cref="TrialOutcome.RunId"/> is still its current run and
    /// that run is still running; so a worker presumed dead can never overwrite the attempt that replaced it. Non-finite metrics are a
    /// <see cref="RegistryException"/>; finishing as running is one too.</summary>
    bool FinishTrial(TrialOutcome outcome);

    /// <summary>Every trial of a study by number, each with its current run's status, times, parameters and metrics; empty for an unknown study.</summary>
    IReadOnlyList<TrialRecord> ListTrials(string study);
}
