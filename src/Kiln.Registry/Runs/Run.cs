namespace Kiln.Registry.Runs;

/// <summary>Everything recorded about one run.</summary>
/// <param name="Id">Sortable id (time-ordered, 26 characters).</param>
/// <param name="Kind">What the run did.</param>
/// <param name="Status">Whether it is running, succeeded, failed or was killed.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it finished (for a killed run: its last heartbeat), or null while running.</param>
/// <param name="GitVersion">SemVer of the code, if known.</param>
/// <param name="GitCommit">Commit of the code, if known.</param>
/// <param name="Environment">Configuration profile.</param>
/// <param name="Parameters">All parameters, by key.</param>
/// <param name="Metrics">All metrics, by key.</param>
/// <param name="Datasets">Raw data consumed.</param>
/// <param name="Artifacts">Files produced.</param>
/// <param name="Owner">The process that started it, or null for runs recorded before owners were (schema 3 and older).</param>
/// <param name="HeartbeatAt">The owner's last proof of life, or null when it never beat.</param>
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
    IReadOnlyList<ArtifactRecord> Artifacts,
    RunOwner? Owner = null,
    DateTimeOffset? HeartbeatAt = null)
{
    /// <summary>How long the run took, or null while it is running.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;

    /// <summary>The owner's last sign of life: its last heartbeat, else its start.</summary>
    public DateTimeOffset LastSeenAt => HeartbeatAt ?? StartedAt;

    /// <summary>For a killed run, what happened in words, e.g. <c>pid 1234 on host x stopped heartbeating at 2026-12-01 10:00:03 UTC</c>; otherwise null.</summary>
    public string? KilledReason => Status == RunStatus.Killed
        ? $"{Owner?.ToString() ?? "its process"} stopped heartbeating at {LastSeenAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"
        : null;
}
