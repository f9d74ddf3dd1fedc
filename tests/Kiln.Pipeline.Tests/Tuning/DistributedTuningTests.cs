using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class DistributedTuningTests
{
    private static Process StartWorker(TuningWorkspace workspace, string database, double leaseSeconds)
    {
        var hostDll = typeof(DistributedTuningTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TuneHostPath").Value!;
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"The worker host '{hostDll}' is missing; build it with `dotnet build tests/Kiln.Pipeline.TuneHost` (the test project normally builds it).");
        }

        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        var start = new ProcessStartInfo(File.Exists(muxer) ? muxer : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { hostDll, workspace.Workspace.Root, workspace.ConfigPath, database, leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

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
        var database = workspace.Workspace.At("registry/kiln.db");
        var schema = workspace.Store();

        var workers = Enumerable.Range(0, 3).Select(_ => StartWorker(workspace, database, leaseSeconds: 30)).ToArray();
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
            var stdout = worker.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = worker.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(8));
            await worker.WaitForExitAsync(timeout.Token);
            outputs.Add(await stdout + await stderr);
            Assert.True(worker.ExitCode == 0, outputs[^1]);
        }

        var study = schema.ListStudies().Single();
        var trials = schema.ListTrials(study.Name);
        Assert.Equal(Enumerable.Range(0, 14), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Pruned }));
        Assert.All(trials, t => Assert.Equal(RunStatus.Succeeded, schema.FindRun(t.RunId)!.Status));
        var takenBack = Assert.Single(trials, t => t.Attempt == 2);
        var killedRuns = schema.RecentRuns(100).Where(r => r.Status == RunStatus.Killed).ToList();
        Assert.Equal(takenBack.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(killedRuns).Parameters["tuning.trial"]);
        // Every trial run is either a trial's current run or the one killed attempt: nothing duplicated, nothing orphaned.
        Assert.Equal(15, schema.RecentRuns(100).Count(r => r.Kind == RunKind.Tune));
        Assert.Contains(outputs, o => o.Contains($"trial {takenBack.Number} started: taken back from a dead worker", StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.DoesNotContain("locked", o, StringComparison.OrdinalIgnoreCase));
    }
}
