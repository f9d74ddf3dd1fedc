namespace Kiln.Registry.Runs;

/// <summary>Everything recorded about one run.</summary>
/// <param name="Id">Sortable id (time-ordered, 26 characters).</param>
/// <param name="Kind">What the run did.</param>
/// <param name="Status">Whether it is running, succeeded or failed.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it finished, or null while running.</param>
/// <param name="GitVersion">SemVer of the code, if known.</param>
/// <param name="GitCommit">Commit of the code, if known.</param>
/// <param name="Environment">Configuration profile.</param>
/// <param name="Parameters">All parameters, by key.</param>
/// <param name="Metrics">All metrics, by key.</param>
/// <param name="Datasets">Raw data consumed.</param>
/// <param name="Artifacts">Files produced.</param>
public sealed record Run(
    string Id,
    RunKind Kind,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? GitVersion,
    string? GitCommit,
    string Environment,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<DatasetLineage> Datasets,
    IReadOnlyList<ArtifactRecord> Artifacts)
{
    /// <summary>How long the run took, or null while it is running.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;
}
