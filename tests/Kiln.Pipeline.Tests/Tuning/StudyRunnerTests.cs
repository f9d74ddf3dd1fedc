using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Tuning;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class StudyRunnerTests
{
    private static IEnumerable<string> Signature(TuneResult result) =>
        result.Trials.Select(t => $"{t.Number} {t.State} {TrialParameters.FromRunParameters(t.Parameters)} {t.Value:R}");

    [Fact]
    public async Task TheSameSeedAndDataGiveTheSameTrialsAndTheSameWinner()
    {
        using var workspace = await TuningWorkspace.CreateAsync();

        var first = workspace.Run(workspace.Store("a.db"));
        var second = workspace.Run(workspace.Store("b.db"));

        Assert.Equal(6, first.Trials.Count);
        Assert.All(first.Trials, t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Pruned }));
        Assert.Equal(Signature(first), Signature(second));
        Assert.Equal(first.Best!.Number, second.Best!.Number);
        // Trial 0 is the config's own trainer section, the starting point the study must beat.
        Assert.Equal("LightGbm", first.Trials[0].Parameters["trainer.name"]);
        Assert.Equal("20", first.Trials[0].Parameters["trainer.hyperparameters.number_of_iterations"]);
    }

    [Fact]
    public async Task EachTrialIsARunWithItsParametersFoldsMeanAndSpread()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        var store = workspace.Store();

        var result = workspace.Run(store);

        var complete = result.Trials.First(t => t.State == TrialState.Complete);
        var run = store.FindRun(complete.RunId)!;
        var folds = Enumerable.Range(0, 3).Select(f => run.Metrics[$"fold_{f}_roc_auc"]).ToArray();
        Assert.Equal((RunKind.Tune, RunStatus.Succeeded), (run.Kind, run.Status));
        Assert.Equal(folds.Average(), run.Metrics["cv_roc_auc_mean"], 12);
        Assert.Equal(TrialMetrics.StandardDeviationOf(folds), run.Metrics["cv_roc_auc_sd"], 12);
        Assert.Equal(folds.Average(), complete.Value!.Value, 12);
        Assert.Equal(result.Setup.Record.Name, run.Parameters["tuning.study"]);
        Assert.Equal(complete.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Parameters["tuning.trial"]);
        Assert.True(run.Metrics["duration_seconds"] > 0);
    }

    [Fact]
    public async Task ScoresOnlyTheTrainingSplitSoTheTestSplitCanBeAbsent()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        File.Delete(workspace.Workspace.At("data/03-features/test.csv"));

        var result = workspace.Run(workspace.Store(), new TuneOptions(Trials: 2));

        Assert.Equal(2, result.Trials.Count(t => t.State == TrialState.Complete));
    }

    [Fact]
    public async Task AResumedStudyRepeatsNoCompletedTrialAndEndsAsAnUninterruptedOne()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        var store = workspace.Store();

        var partial = workspace.Run(store, new TuneOptions(Trials: 3));
        var resumed = workspace.Run(store);
        var uninterrupted = workspace.Run(workspace.Store("fresh.db"));

        Assert.Equal(3, resumed.RecordedHere);
        Assert.Equal(partial.Trials.Select(t => t.RunId), resumed.Trials.Take(3).Select(t => t.RunId));
        Assert.Equal(Signature(uninterrupted), Signature(resumed));
    }

    [Fact]
    public async Task TakesBackATrialWhoseWorkerDiedAndClosesItsRunAsKilled()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        var store = workspace.Store();
        var setup = StudySetup.For(workspace.Context(), 3, DateTimeOffset.UtcNow);
        store.OpenStudy(setup.Record);
        // A worker on this host whose process no longer exists claimed trial 0 and died.
        var dead = new WorkerIdentity(Environment.MachineName, int.MaxValue - 7, 1).ToString();
        var claim = store.ClaimTrial(new TrialClaimRequest(setup.Record.Name, dead, RunId.New(DateTimeOffset.UtcNow), new RunStart(RunKind.Tune), DateTimeOffset.UtcNow, _ => false,
            (number, _) => new TrialParameters("LightGbm", new Dictionary<string, double> { ["number_of_iterations"] = 15 }).ToRunParameters()))!;

        var result = workspace.Run(store, new TuneOptions(Trials: 3));

        var trial = result.Trials.Single(t => t.Number == 0);
        Assert.Equal(3, result.Trials.Count);
        Assert.Equal((TrialState.Complete, 2), (trial.State, trial.Attempt));
        Assert.Equal("15", trial.Parameters["trainer.hyperparameters.number_of_iterations"]);
        Assert.Equal(RunStatus.Killed, store.FindRun(claim.Trial.RunId)!.Status);
        Assert.NotEqual(claim.Trial.RunId, trial.RunId);
    }

    [Fact]
    public async Task RefusesMoreFoldsThanTheMinorityClassHasRowsAndNamesTheKeysLine()
    {
        using var workspace = await TuningWorkspace.CreateAsync(rows: 60);
        var positives = File.ReadLines(workspace.Workspace.At("data/03-features/train.csv")).Skip(1).Count(l => l.EndsWith(",yes", StringComparison.Ordinal));
        workspace.WriteConfig($"tuning:\n  trials: 2\n  folds: {positives + 1}");

        var error = Assert.Throws<ConfigException>(() => workspace.Run(workspace.Store()));

        Assert.Equal(
            $"config/local.yaml:17: 'tuning.folds' is {positives + 1} but data/03-features/train.csv has only {positives} row(s) labelled 'yes'; every fold needs at least one, so use at most {positives} folds",
            error.Message.Replace(workspace.Workspace.Root + "/", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAppliedWinnerIsWhatTrainReadsFromTheConfigWithTheTrialAsLineage()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        var store = workspace.Store();
        var outcome = new TuneCommand(workspace.Context(), store, workspace.ConfigPath).Run(new RunStart(RunKind.Tune), new TuneOptions(), apply: true, TestContext.Current.CancellationToken);

        var config = KilnConfig.Load(workspace.ConfigPath);
        var best = outcome.Result.Best!;
        var expected = TrialParameters.FromRunParameters(best.Parameters).ToTrainerConfig(config.Trainer.Seed);
        Assert.Equal(expected.Name, config.Trainer.Name);
        Assert.Equal(expected.Hyperparameters.OrderBy(h => h.Key), config.Trainer.Hyperparameters.OrderBy(h => h.Key));
        Assert.Equal(best.RunId, config.Parameters["tuning.applied.run"]);
        Assert.Equal(outcome.Result.Setup.Record.Name, config.Parameters["tuning.applied.study"]);
        Assert.True(File.Exists(workspace.Workspace.At("artifacts/tuning/history.png")));
        Assert.Contains($"**Best: trial {best.Number}**", File.ReadAllText(outcome.ReportPath));

        // The same study resumes after --apply (the lineage is not part of the search setup): nothing is re-run.
        var again = workspace.Run(store);
        Assert.Equal((0, outcome.Result.Setup.Record.Name), (again.RecordedHere, again.Setup.Record.Name));
    }
}
