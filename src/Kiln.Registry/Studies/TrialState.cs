namespace Kiln.Registry.Studies;

/// <summary>Where a tuning trial is in its life.</summary>
public enum TrialState
{
    /// <summary>Claimed by a worker and being scored.</summary>
    Running,

    /// <summary>Scored on every fold.</summary>
    Complete,

    /// <summary>Stopped early because its first folds were worse than the median of completed trials.</summary>
    Pruned,

    /// <summary>Training or scoring failed; the error is kept.</summary>
    Failed,

    /// <summary>Its worker died; another worker took the trial back and scored it again.</summary>
    Killed,
}
