using System.ComponentModel;
using System.Diagnostics;

namespace Kiln.Registry.Runs;

/// <summary>The process that started a run: host, process id, and the process's start time, which tells a reused pid from the original.</summary>
/// <param name="Host">The machine name.</param>
/// <param name="ProcessId">The process id on that machine.</param>
/// <param name="ProcessStartedAt">When that process started, as the operating system reports it.</param>
public sealed record RunOwner(string Host, int ProcessId, DateTimeOffset ProcessStartedAt)
{
    // The OS reports start times in clock ticks since boot, converted through a boot time that .NET recomputes per read;
    // a second absorbs that jitter, and a reused pid that also started within the same second of the original is not a practical worry.
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(1);

    private static readonly Lazy<RunOwner> CurrentProcess = new(() =>
    {
        using var self = Process.GetCurrentProcess();

        // Whole milliseconds, as the registry stores times, so an owner read back equals the one written.
        var started = new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeMilliseconds();
        return new RunOwner(Environment.MachineName, Environment.ProcessId, DateTimeOffset.FromUnixTimeMilliseconds(started));
    });

    /// <summary>This process.</summary>
    public static RunOwner Current => CurrentProcess.Value;

    /// <summary>Whether the owner's host is this machine, so its process can be looked up.</summary>
    public bool IsOnThisHost => string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the owner process still runs on this machine: same pid and same start time; false for another host, which cannot be checked from here.</summary>
    public bool IsAliveHere()
    {
        if (!IsOnThisHost)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            return !process.HasExited && (started - ProcessStartedAt).Duration() <= StartTimeTolerance;
        }
        catch (ArgumentException)
        {
            // No process has that id any more.
            return false;
        }
        catch (InvalidOperationException)
        {
            // It exited while being inspected.
            return false;
        }
        catch (Exception e) when (e is Win32Exception or NotSupportedException)
        {
            // Not allowed to inspect it (another user's process): it exists, so it must not be declared dead.
            return true;
        }
    }

    /// <summary>The owner as a person reads it, e.g. <c>pid 1234 on host build-7</c>.</summary>
    public override string ToString() => $"pid {ProcessId} on host {Host}";
}
