namespace Kiln.Registry.Runs;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    /// <summary>Started and not finished (or its process died before finishing).</summary>
    Running,

    /// <summary>Finished without error.</summary>
    Succeeded,

    /// <summary>Finished with an error.</summary>
    Failed,

    /// <summary>Its process died before finishing; found and closed by another process.</summary>
    Killed,
}
