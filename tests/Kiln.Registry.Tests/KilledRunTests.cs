using System.Diagnostics;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Tests;

/// <summary>The killed-run contract every store keeps: owners, heartbeats, and one conditional update deciding killed or finished.</summary>
public abstract class KilledRunTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    // Short enough for tests to wait out, with the default's ratio of six beats per staleness window.
    private static readonly HeartbeatPolicy Fast = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(600));

    [Fact]
    public async Task ARunRecordsItsOwnerAndHeartbeatsUntilItIsFinished()
    {
        using var temp = NewRegistry();
        var registry = temp.Open(null, Fast);

        var id = registry.StartRun(new RunStart(RunKind.Train));
        var started = registry.GetRun(id);
        var beating = await Eventually.TrueAsync(() => registry.GetRun(id).HeartbeatAt > started.StartedAt);
        registry.FinishRun(id, RunStatus.Succeeded);
        var lastBeat = registry.GetRun(id).HeartbeatAt;
        await Task.Delay(Fast.Interval * 4, TestContext.Current.CancellationToken);

        Assert.Equal(RunOwner.Current, started.Owner);
        Assert.Equal((Environment.MachineName, Environment.ProcessId), (started.Owner!.Host, started.Owner.ProcessId));
        Assert.True(beating, "the heartbeat never advanced past the start");
        Assert.Equal(lastBeat, registry.GetRun(id).HeartbeatAt);
        Assert.Equal(RunStatus.Succeeded, registry.GetRun(id).Status);
    }

    [Fact]
    public async Task AProcessKilledWithSigkillLeavesARunThatShowsKilledOnceItsHeartbeatIsStale()
    {
        using var temp = NewRegistry();
        var registry = temp.Open(null, Fast);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var (child, runId) = await StartRunInChildAsync(temp, heartbeatMs: 100, cancel.Token);
        using var _ = child;
        var first = registry.GetRun(runId);
        Assert.True(await Eventually.TrueAsync(() => registry.GetRun(runId).HeartbeatAt > first.HeartbeatAt), "the child never heartbeat");

        child.Kill();
        await child.WaitForExitAsync(cancel.Token);
        var justKilled = registry.GetRun(runId);
        var shownKilled = await Eventually.TrueAsync(() => registry.RecentRuns().Single().Status == RunStatus.Killed);

        Assert.Equal(child.Id, first.Owner!.ProcessId);
        Assert.Equal(RunStatus.Running, first.Status);

        // Gone but not yet stale: a process on this host is only declared dead once it also missed its heartbeats.
        Assert.True(justKilled.Status == RunStatus.Running || DateTimeOffset.UtcNow - justKilled.LastSeenAt >= Fast.StaleAfter);
        Assert.True(shownKilled, "the run never showed as killed");
        var killed = registry.GetRun(runId);
        Assert.Equal(killed.HeartbeatAt, killed.EndedAt);
        Assert.Contains($"pid {child.Id} on host {Environment.MachineName} stopped heartbeating at", killed.KilledReason, StringComparison.Ordinal);

        // Recorded, not only shown: a reader with the default 30 s threshold, or on another machine, sees it killed too.
        Assert.Equal(RunStatus.Killed, temp.Open().Store.FindRun(runId)!.Status);
    }

    [Fact]
    public async Task ALiveProcessOnThisHostWhoseHeartbeatIsStaleIsStillRunning()
    {
        using var temp = NewRegistry();
        var observer = temp.Open(null, Fast);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        // The child beats only every ten minutes, so to the observer its heartbeat goes stale while it is alive (suspended, starved).
        var (child, runId) = await StartRunInChildAsync(temp, heartbeatMs: 600_000, cancel.Token);
        using var _ = child;
        await Task.Delay(Fast.StaleAfter * 2, cancel.Token);
        var whileAlive = observer.GetRun(runId);

        child.Kill();
        await child.WaitForExitAsync(cancel.Token);
        var afterKill = observer.GetRun(runId);

        Assert.True(DateTimeOffset.UtcNow - whileAlive.LastSeenAt > Fast.StaleAfter);
        Assert.Equal(RunStatus.Running, whileAlive.Status);
        Assert.Equal(RunStatus.Killed, afterKill.Status);
    }

    [Fact]
    public void ARunOwnedByAnotherHostIsKilledOnItsHeartbeatAlone()
    {
        using var temp = NewRegistry();
        var clock = new ManualClock(Now());
        var registry = temp.Open(clock, HeartbeatPolicy.Default);
        var owner = new RunOwner("build-agent-7", 4242, clock.Now.AddHours(-1));
        registry.Store.InsertRun("01REMOTERUN", new RunStart(RunKind.Evaluate), owner, clock.Now);

        clock.Advance(HeartbeatPolicy.Default.StaleAfter - TimeSpan.FromSeconds(1));
        var fresh = registry.GetRun("01REMOTERUN");
        registry.Store.Heartbeat("01REMOTERUN", clock.Now);
        clock.Advance(HeartbeatPolicy.Default.StaleAfter + TimeSpan.FromSeconds(1));
        var stale = registry.GetRun("01REMOTERUN");

        Assert.Equal(RunStatus.Running, fresh.Status);
        Assert.Equal(RunStatus.Killed, stale.Status);
        Assert.Equal("pid 4242 on host build-agent-7", stale.Owner!.ToString());
        Assert.Equal(clock.Now - HeartbeatPolicy.Default.StaleAfter - TimeSpan.FromSeconds(1), stale.EndedAt);
    }

    [Fact]
    public void AReusedPidWithAnotherStartTimeDoesNotKeepARunAlive()
    {
        using var temp = NewRegistry();
        var clock = new ManualClock(Now());
        var registry = temp.Open(clock, HeartbeatPolicy.Default);
        var me = RunOwner.Current;
        registry.Store.InsertRun("01MINE", new RunStart(RunKind.Train), me, clock.Now);
        registry.Store.InsertRun("01REUSED", new RunStart(RunKind.Train), me with { ProcessStartedAt = me.ProcessStartedAt.AddMinutes(-5) }, clock.Now);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.True(me.IsAliveHere());
        Assert.Equal(RunStatus.Running, registry.GetRun("01MINE").Status);
        Assert.Equal(RunStatus.Killed, registry.GetRun("01REUSED").Status);
    }

    [Fact]
    public void ARunPresumedKilledCannotBeFinishedLaterAndAFinishedRunIsNeverMarkedKilled()
    {
        using var temp = NewRegistry();
        var clock = new ManualClock(Now());
        var registry = temp.Open(clock, HeartbeatPolicy.Default);
        var remote = new RunOwner("elsewhere", 1, clock.Now);
        registry.Store.InsertRun("01LATE", new RunStart(RunKind.Evaluate), remote, clock.Now);
        registry.Store.InsertRun("01DONE", new RunStart(RunKind.Evaluate), remote, clock.Now);
        registry.Store.FinishRun("01DONE", RunStatus.Succeeded, clock.Now);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(RunStatus.Killed, registry.GetRun("01LATE").Status);

        var error = Assert.Throws<RegistryException>(() => registry.Store.FinishRun("01LATE", RunStatus.Succeeded, clock.Now));

        Assert.Contains("presumed killed after its heartbeat went stale", error.Message, StringComparison.Ordinal);
        Assert.False(registry.Store.Heartbeat("01LATE", clock.Now));
        Assert.False(registry.Store.MarkKilled("01DONE", clock.Now));
        Assert.Equal(RunStatus.Succeeded, registry.GetRun("01DONE").Status);
    }

    [Fact]
    public void AHeartbeatThatLandsAfterAnObserverReadTheRunKeepsItAlive()
    {
        using var temp = NewRegistry();
        var store = temp.OpenStore();
        var start = Now().AddHours(-1);
        store.InsertRun("01SLOW", new RunStart(RunKind.Train), new RunOwner("elsewhere", 9, start), start);

        // The observer read the row when its start was the last sign of life; the owner beat before the observer wrote.
        store.Heartbeat("01SLOW", start.AddMinutes(10));
        var killedOnStaleRead = store.MarkKilled("01SLOW", staleBefore: start.AddMinutes(5));
        var killedLater = store.MarkKilled("01SLOW", staleBefore: start.AddMinutes(11));

        Assert.False(killedOnStaleRead);
        Assert.True(killedLater);
        var run = store.FindRun("01SLOW")!;
        Assert.Equal((RunStatus.Killed, start.AddMinutes(10)), (run.Status, run.EndedAt!.Value));
    }

    [Fact]
    public void TheLatestRunOfAKindIsFoundPastNewerRunsOfOtherKinds()
    {
        using var temp = NewRegistry();
        var clock = new ManualClock(Now().AddHours(-1));
        var registry = temp.Open(clock, HeartbeatPolicy.Default);
        registry.Store.InsertRun("01EVAL", new RunStart(RunKind.Evaluate), new RunOwner("gone-host", 7, clock.Now), clock.Now);
        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            registry.FinishRun(registry.StartRun(new RunStart(RunKind.Train)), RunStatus.Succeeded);
        }

        clock.Now = DateTimeOffset.UtcNow;
        var latest = registry.LatestRun(RunKind.Evaluate);

        Assert.Equal("01EVAL", latest!.Id);
        Assert.Equal(RunStatus.Killed, latest.Status);
        Assert.Null(registry.LatestRun(RunKind.Register));
    }

    [Fact]
    public void ARunLeftRunningBeforeOwnersWereRecordedIsKilledOnceStale()
    {
        using var temp = NewRegistry();
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        _ = temp.OpenStore(targetVersion: 3);
        temp.Execute($"INSERT INTO runs (id, kind, status, started_at, environment) VALUES ('01OLD', 'train', 'running', {startedAt.ToUnixTimeMilliseconds()}, 'local');");

        var run = temp.Open().GetRun("01OLD");

        Assert.Null(run.Owner);
        Assert.Equal(RunStatus.Killed, run.Status);
        Assert.Equal(startedAt.ToUnixTimeMilliseconds(), run.EndedAt!.Value.ToUnixTimeMilliseconds());
        Assert.StartsWith("its process stopped heartbeating at", run.KilledReason, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeartbeatThatCannotOutliveItsStalenessThresholdIsRefused()
    {
        var error = Assert.Throws<RegistryException>(() => new HeartbeatPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15)).Validated());

        Assert.Contains("at least twice as long", error.Message, StringComparison.Ordinal);
    }

    // Whole milliseconds, as the registry stores times, so times read back compare equal.
    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    // A real child process that starts an evaluate run and then waits to be killed.
    private static async Task<(Process Child, string RunId)> StartRunInChildAsync(RegistryBackend temp, int heartbeatMs, CancellationToken cancellationToken)
    {
        var child = CrashHost.Start("run", temp.StoreUri, temp.StoreDirectory, heartbeatMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var runId = await child.StandardOutput.ReadLineAsync(cancellationToken);
        if (runId is null)
        {
            var error = await child.StandardError.ReadToEndAsync(cancellationToken);
            child.Dispose();
            throw new InvalidOperationException($"the crash host printed no run id: {error}");
        }

        return (child, runId);
    }
}
