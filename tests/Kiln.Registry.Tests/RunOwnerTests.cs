using System.Diagnostics;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Tests;

public sealed class RunOwnerTests
{
    [Fact]
    public void AStartTimeReadMillisecondsApartIsTheSameProcessButOneSecondsApartIsAReusedPid()
    {
        var me = RunOwner.Current;

        // Linux derives a start time from the boot time, which each reading recomputes: readings of one process differ by milliseconds.
        Assert.True((me with { ProcessStartedAt = me.ProcessStartedAt.AddMilliseconds(40) }).IsAliveHere());
        Assert.True((me with { ProcessStartedAt = me.ProcessStartedAt.AddMilliseconds(-40) }).IsAliveHere());

        // A pid handed to a new process starts it seconds later at the least.
        Assert.False((me with { ProcessStartedAt = me.ProcessStartedAt.AddSeconds(3) }).IsAliveHere());
        Assert.False((me with { ProcessStartedAt = me.ProcessStartedAt.AddSeconds(-3) }).IsAliveHere());
    }

    [Fact]
    public async Task AChildsOwnReadingOfItsStartTimeIsAliveToItsParentUntilItIsKilled()
    {
        using var temp = new TempRegistry();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var child = CrashHost.Start("run", temp.StoreUri, temp.StoreDirectory, "600000");
        var runId = await child.StandardOutput.ReadLineAsync(cancel.Token)
            ?? throw new InvalidOperationException($"the crash host printed no run id: {await child.StandardError.ReadToEndAsync(cancel.Token)}");

        // The owner the child recorded is its own reading; the parent's reading of the same process is another one.
        var recorded = temp.Open().Store.FindRun(runId)!.Owner!;
        var parentsReading = new DateTimeOffset(Process.GetProcessById(child.Id).StartTime.ToUniversalTime(), TimeSpan.Zero);
        var aliveWhileRunning = recorded.IsAliveHere();
        child.Kill();
        await child.WaitForExitAsync(cancel.Token);

        TestContext.Current.TestOutputHelper?.WriteLine($"child's and parent's readings of its start differ by {(parentsReading - recorded.ProcessStartedAt).TotalMilliseconds:0.###} ms");
        Assert.Equal(child.Id, recorded.ProcessId);
        Assert.True(aliveWhileRunning, $"the child's own start time {recorded.ProcessStartedAt:O} and the parent's reading {parentsReading:O} were taken for two processes");
        Assert.False(recorded.IsAliveHere());
    }
}
