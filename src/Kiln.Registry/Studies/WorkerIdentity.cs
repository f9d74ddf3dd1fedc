using System.Diagnostics;
using System.Globalization;

namespace Kiln.Registry.Studies;

/// <summary>Who holds a trial: host, process id and process start time, so a restarted process that reused the pid is not mistaken for the owner.</summary>
/// <param name="Host">The machine name.</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="StartedAt">The process start time, in Unix milliseconds.</param>
public sealed record WorkerIdentity(string Host, int ProcessId, long StartedAt)
{
    /// <summary>The identity of the current process.</summary>
    public static WorkerIdentity Current { get; } = Of(Process.GetCurrentProcess());

    /// <summary>Reads an identity written by <see cref="ToString"/>; null for text in another form.</summary>
    /// <param name="text">"host/pid/start".</param>
    public static WorkerIdentity? Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 3
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var started)
            ? new WorkerIdentity(parts[0], pid, started)
            : null;
    }

    /// <summary>True when the identity is on this machine and that exact process is gone; false when alive or not knowable from here.</summary>
    public bool IsDeadOnThisHost()
    {
        if (Host != Environment.MachineName)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            // Linux derives a process's start time from the boot time, which each reader computes afresh, so two readings differ by milliseconds;
            // a pid reused by another process starts seconds apart at the least.
            return process.HasExited || Math.Abs(Of(process).StartedAt - StartedAt) > 2_000;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>"host/pid/start", as stored in the trial's owner column.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}/{ProcessId}/{StartedAt}");

    private static WorkerIdentity Of(Process process) =>
        new(Environment.MachineName, process.Id, new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds());
}
