namespace Kiln.Targets.Engine;

/// <summary>How a target ended in a run.</summary>
internal enum TargetStatus
{
    NotRun,
    Succeeded,
    Failed,
    Skipped,
    UpToDate,
    Aborted,
}
