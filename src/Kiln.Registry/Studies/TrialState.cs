namespace Kiln.Registry.Studies;

/// <summary>Where a tuning trial is in its life.</summary>
public enum TrialState
{
    /// <summary>Claimed and not finished: being scored by its run's process, or (when that run was killed or interrupted) waiting to be taken back.</summary>
    Running,

    /// <summary>Scored on every fold.</summary>
    Complete,

    /// <summary>Stopped early because its first folds were worse than the median of completed trials.</summary>
    Pruned,

    /// <summary>Training or scoring failed; the error is kept.</summary>
    Failed,
}
