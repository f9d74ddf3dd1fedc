namespace Kiln.Targets.Engine;

/// <summary>A target in the execution plan: why it is there and, when known before the run, why it will be skipped.</summary>
internal sealed class PlannedTarget(TargetNode node, string reason)
{
    public TargetNode Node { get; } = node;

    public string Name => Node.Name;

    /// <summary>"requested", "dependency of X" or "triggered by Y".</summary>
    public string Reason { get; } = reason;

    /// <summary>The node that pulled this one in, if any.</summary>
    public TargetNode? IncludedBy { get; init; }

    public string? SkipReason { get; set; }
}
