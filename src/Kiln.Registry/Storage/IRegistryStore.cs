using Kiln.Registry.Models;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

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

    /// <summary>Every registered model name.</summary>
    IReadOnlyList<string> ModelNames();

    /// <summary>The aliases of a model and their versions.</summary>
    IReadOnlyDictionary<string, int> Aliases(string model);

    /// <summary>Every content hash some version still references, for garbage collection.</summary>
    IReadOnlySet<string> ReferencedArtifactHashes();

    /// <summary>Creates the study, or returns the stored one (raising its budget when <paramref name="study"/> asks for more); a different fingerprint is an error.</summary>
    StudyRecord OpenStudy(StudyRecord study);

    /// <summary>The study named <paramref name="name"/>, or null.</summary>
    StudyRecord? FindStudy(string name);

    /// <summary>Every study, newest first.</summary>
    IReadOnlyList<StudyRecord> ListStudies();

    /// <summary>
    /// In one transaction: takes back a running trial whose worker is gone (closing its run as killed), or else starts the next trial number
    /// with the parameters <see cref="TrialClaimRequest.Suggest"/> chooses; null when the budget is spent and no trial is abandoned.
    /// </summary>
    TrialClaim? ClaimTrial(TrialClaimRequest request);

    /// <summary>Renews the worker's lease on a running trial; false when the worker no longer holds it.</summary>
    bool RenewTrialLease(string study, int number, string owner, DateTimeOffset at);

    /// <summary>Records a trial's end, its run's metrics and status in one transaction; false (nothing written) when the worker no longer holds it.</summary>
    bool FinishTrial(TrialOutcome outcome);

    /// <summary>Every trial of a study by number, with its current run's parameters and metrics.</summary>
    IReadOnlyList<TrialRecord> ListTrials(string study);
}
