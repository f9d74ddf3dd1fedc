namespace Kiln.Registry.Queries;

/// <summary>What a run listing is ordered by.</summary>
public enum RunSortColumn
{
    /// <summary>Start time (the default, newest first).</summary>
    Started,

    /// <summary>What the run did.</summary>
    Kind,

    /// <summary>Running, succeeded, failed…</summary>
    Status,

    /// <summary>How long it took; running runs last.</summary>
    Duration,

    /// <summary>The code's SemVer.</summary>
    Version,

    /// <summary>The configuration profile.</summary>
    Environment,

    /// <summary>A metric named by <see cref="RunSort.Key"/>; runs without it last.</summary>
    Metric,

    /// <summary>A parameter named by <see cref="RunSort.Key"/> (numerically when numeric); runs without it last.</summary>
    Parameter,
}
