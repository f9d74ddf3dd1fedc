namespace Kiln.Containers;

/// <summary>How a rollout ended (failures throw <see cref="ContainerException"/> instead).</summary>
public enum RolloutOutcome
{
    /// <summary>The new version is serving and the old instance was stopped.</summary>
    Deployed,

    /// <summary>The requested version was already serving; nothing changed.</summary>
    AlreadyServing,
}
