namespace Kiln.Registry.Runs;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    /// <summary>Started, not finished, and its process still heartbeating (or, on this host, still alive).</summary>
    Running,

    /// <summary>Finished without error.</summary>
    Succeeded,

    /// <summary>Finished with an error.</summary>
    Failed,

    /// <summary>Its process died without finishing it: the heartbeat went stale and, on the owner's own host, the process is gone.</summary>
    Killed,
}
