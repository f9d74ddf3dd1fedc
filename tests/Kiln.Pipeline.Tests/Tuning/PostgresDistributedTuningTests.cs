using System.Globalization;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Pipeline.Tests.Tuning;

/// <summary>Tune workers in separate processes sharing one study through a PostgreSQL registry (.ci/postgres.sh), as workers on several machines do.</summary>
public sealed class PostgresDistributedTuningTests
{
    private const int Trials = 10;

    [Fact]
    public async Task TwoWorkerProcessesOnOnePostgresStudyRecordEveryTrialExactlyOnce()
    {
        var server = PostgresTestServer.Require();
        var database = server.CreateDatabase();
        try
        {
            using var workspace = await TuningWorkspace.CreateAsync($$"""
                tuning:
                  trainers: [LightGbm, SdcaLogisticRegression]
                  folds: 3
                  trials: {{Trials}}
                  startup_trials: 4
                  search_space:
                    LightGbm:
                      number_of_iterations: { int: [10, 30] }
                    SdcaLogisticRegression:
                      maximum_number_of_iterations: { int: [5, 15] }
                """);
            var store = server.StoreUri(database);
            var artifacts = "file:" + workspace.Workspace.At("shared-artifacts");

            var workers = Enumerable.Range(0, 2).Select(_ => ChildHost.Start(typeof(PostgresDistributedTuningTests).Assembly, "TuneHostPath",
                [workspace.Workspace.Root, workspace.ConfigPath, store, "250", artifacts])).ToArray();
            var recorded = 0;
            foreach (var worker in workers)
            {
                var (exitCode, output) = await ChildHost.WaitAsync(worker, TimeSpan.FromMinutes(8), TestContext.Current.CancellationToken);
                Assert.True(exitCode == 0, output);
                recorded += int.Parse(output.Split("DONE ")[1].Split('\n')[0].Trim(), CultureInfo.InvariantCulture);
            }

            var registry = ModelRegistry.Open(new RegistryOptions(store, Artifacts: artifacts));
            var study = Assert.Single(registry.Store.ListStudies());
            var trials = registry.Store.ListTrials(study.Name);
            Assert.Equal(Enumerable.Range(0, Trials), trials.Select(t => t.Number));
            Assert.All(trials, t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Pruned }));
            Assert.All(trials, t => Assert.Equal((RunStatus.Succeeded, 1), (registry.Store.FindRun(t.RunId)!.Status, t.Attempt)));
            // Every trial recorded by exactly one of the two processes: as many trial runs as trials, and the workers' counts add up.
            Assert.Equal(Trials, registry.Store.RecentRuns(100).Count(r => r.Kind == RunKind.Tune));
            Assert.Equal(Trials, recorded);
        }
        finally
        {
            server.DropDatabase(database);
        }
    }
}
