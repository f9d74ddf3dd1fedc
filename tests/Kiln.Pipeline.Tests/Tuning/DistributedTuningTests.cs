using System.Diagnostics;
using System.Globalization;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class DistributedTuningTests
{
    // Every process sharing the registry uses one policy; short, so the killed worker's trial is taken back within seconds.
    private const int HeartbeatMilliseconds = 250;

    private static Process StartWorker(TuningWorkspace workspace) => ChildHost.Start(typeof(DistributedTuningTests).Assembly, "TuneHostPath",
        [workspace.Workspace.Root, workspace.ConfigPath, workspace.DatabasePath(), HeartbeatMilliseconds.ToString(CultureInfo.InvariantCulture)]);

    [Fact]
    public async Task SeveralWorkerProcessesRecordEveryTrialExactlyOnceAndTakeBackAKilledWorkersTrial()
    {
        using var workspace = await TuningWorkspace.CreateAsync("""
            tuning:
              trainers: [LightGbm, SdcaLogisticRegression]
              folds: 3
              trials: 14
              startup_trials: 4
              search_space:
                LightGbm:
                  number_of_iterations: { int: [20, 60] }
                SdcaLogisticRegression:
                  maximum_number_of_iterations: { int: [5, 20] }
            """);
        var registry = workspace.Registry();

        var workers = Enumerable.Range(0, 3).Select(_ => StartWorker(workspace)).ToArray();
        var victim = workers[0];
        // SIGKILL the first worker in the middle of its second trial: its claim stays in the registry as running.
        var started = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3) && await victim.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.Contains(" started", StringComparison.Ordinal) && ++started == 2)
            {
                break;
            }
        }

        Assert.Equal(2, started);
        victim.Kill();
        await victim.WaitForExitAsync(TestContext.Current.CancellationToken);

        var outputs = new List<string>();
        foreach (var worker in workers.Skip(1))
        {
            var (exitCode, output) = await ChildHost.WaitAsync(worker, TimeSpan.FromMinutes(8), TestContext.Current.CancellationToken);
            outputs.Add(output);
            Assert.True(exitCode == 0, output);
        }

        var study = registry.Store.ListStudies().Single();
        var trials = registry.Store.ListTrials(study.Name);
        Assert.Equal(Enumerable.Range(0, 14), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Pruned }));
        Assert.All(trials, t => Assert.Equal(RunStatus.Succeeded, registry.Store.FindRun(t.RunId)!.Status));
        var takenBack = Assert.Single(trials, t => t.Attempt == 2);
        var killedRuns = registry.Store.RecentRuns(100).Where(r => r.Status == RunStatus.Killed).ToList();
        Assert.Equal(takenBack.Number.ToString(CultureInfo.InvariantCulture), Assert.Single(killedRuns).Parameters["tuning.trial"]);
        // Every trial run is either a trial's current run or the one killed attempt: nothing duplicated, nothing orphaned.
        Assert.Equal(15, registry.Store.RecentRuns(100).Count(r => r.Kind == RunKind.Tune));
        Assert.Contains(outputs, o => o.Contains($"trial {takenBack.Number} started: taken back from run {killedRuns[0].Id}", StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.DoesNotContain("locked", o, StringComparison.OrdinalIgnoreCase));
    }
}
