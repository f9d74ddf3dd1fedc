namespace Kiln.Targets.Engine;

/// <summary>One row of the summary: a target's status, the reason for it and how long it took.</summary>
internal sealed record TargetOutcome(string Name, TargetStatus Status, string? Reason, TimeSpan Duration)
{
    public string StatusText => Status switch
    {
        TargetStatus.Succeeded => "Succeeded",
        TargetStatus.Failed => "Failed",
        TargetStatus.Skipped => $"Skipped: {Reason}",
        TargetStatus.UpToDate => $"Up to date: {Reason}",
        TargetStatus.Aborted => "Aborted",
        _ => "Not run",
    };
}
