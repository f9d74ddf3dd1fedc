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

        var first = workspace.Run(workspace.Registry("a.db"));
        var second = workspace.Run(workspace.Registry("b.db"));

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
        var registry = workspace.Registry();

        var result = workspace.Run(registry);

        var complete = result.Trials.First(t => t.State == TrialState.Complete);
        var run = registry.GetRun(complete.RunId);
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

        var result = workspace.Run(workspace.Registry(), new TuneOptions(Trials: 2));

        Assert.Equal(2, result.Trials.Count(t => t.State == TrialState.Complete));
    }

    [Fact]
    public async Task AResumedStudyRepeatsNoCompletedTrialAndEndsAsAnUninterruptedOne()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        var registry = workspace.Registry();

        var partial = workspace.Run(registry, new TuneOptions(Trials: 3));
        var resumed = workspace.Run(registry);
        var uninterrupted = workspace.Run(workspace.Registry("fresh.db"));

        Assert.Equal(3, resumed.RecordedHere);
        Assert.Equal(partial.Trials.Select(t => t.RunId), resumed.Trials.Take(3).Select(t => t.RunId));
        Assert.Equal(Signature(uninterrupted), Signature(resumed));
    }

    [Fact]
    public async Task TakesBackATrialWhoseProcessDiedOnceItsRunIsStaleAndClosesThatRunAsKilled()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        var registry = workspace.Registry(heartbeat: new HeartbeatPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(600)));
        var setup = StudySetup.For(workspace.Context(), 3, DateTimeOffset.UtcNow);
        registry.Store.OpenStudy(setup.Record);
        // A process on this host that no longer exists claimed trial 0 a minute ago and died without a heartbeat since.
        var dead = new RunOwner(Environment.MachineName, int.MaxValue - 7, DateTimeOffset.UnixEpoch);
        var claimedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var claim = registry.Store.ClaimTrial(new TrialClaimRequest(setup.Record.Name, RunId.New(claimedAt), new RunStart(RunKind.Tune), dead, claimedAt,
            (number, _) => new TrialParameters("LightGbm", new Dictionary<string, double> { ["number_of_iterations"] = 15 }).ToRunParameters()))!;

        var result = workspace.Run(registry, new TuneOptions(Trials: 3));

        var trial = result.Trials.Single(t => t.Number == 0);
        Assert.Equal(3, result.Trials.Count);
        Assert.Equal((TrialState.Complete, 2), (trial.State, trial.Attempt));
        Assert.Equal("15", trial.Parameters["trainer.hyperparameters.number_of_iterations"]);
        Assert.Equal(RunStatus.Killed, registry.GetRun(claim.Trial.RunId).Status);
        Assert.NotEqual(claim.Trial.RunId, trial.RunId);
    }

    [Fact]
    public async Task ACancelledTuneHandsItsTrialBackSoTheNextRunScoresItAtOnce()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        var registry = workspace.Registry();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var cancelling = new PipelineContext(workspace.Workspace.Root, KilnConfig.Load(workspace.ConfigPath), new CancellingReporter(cancel, "trial 0 started"));

        Assert.ThrowsAny<OperationCanceledException>(() => new StudyRunner(cancelling, registry).Run(new RunStart(RunKind.Tune), new TuneOptions(Trials: 2), cancel.Token));
        var interrupted = Assert.Single(registry.ListTrials(registry.Store.ListStudies().Single().Name));
        var resumed = workspace.Run(registry, new TuneOptions(Trials: 2));

        // Not left running for the staleness threshold: this process is alive, so its trial would otherwise never be taken back.
        Assert.Equal((TrialState.Running, RunStatus.Failed), (interrupted.State, interrupted.RunStatus));
        var trial = resumed.Trials.Single(t => t.Number == 0);
        Assert.Equal((TrialState.Complete, 2), (trial.State, trial.Attempt));
        Assert.Equal(interrupted.Parameters, trial.Parameters);
        Assert.Equal(2, resumed.RecordedHere);
    }

    [Fact]
    public async Task RefusesMoreFoldsThanTheMinorityClassHasRowsAndNamesTheKeysLine()
    {
        using var workspace = await TuningWorkspace.CreateAsync(rows: 60);
        var positives = File.ReadLines(workspace.Workspace.At("data/03-features/train.csv")).Skip(1).Count(l => l.EndsWith(",yes", StringComparison.Ordinal));
        workspace.WriteConfig($"tuning:\n  trials: 2\n  folds: {positives + 1}");

        var error = Assert.Throws<ConfigException>(() => workspace.Run(workspace.Registry()));

        Assert.Equal(
            $"config/local.yaml:17: 'tuning.folds' is {positives + 1} but data/03-features/train.csv has only {positives} row(s) labelled 'yes'; every fold needs at least one, so use at most {positives} folds",
            error.Message.Replace(workspace.Workspace.Root + "/", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAppliedWinnerIsWhatTrainReadsFromTheConfigWithTheTrialAsLineage()
    {
        using var workspace = await TuningWorkspace.CreateAsync();
        var registry = workspace.Registry();
        var outcome = new TuneCommand(workspace.Context(), registry, workspace.ConfigPath).Run(new RunStart(RunKind.Tune), new TuneOptions(), apply: true, TestContext.Current.CancellationToken);

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
        var again = workspace.Run(registry);
        Assert.Equal((0, outcome.Result.Setup.Record.Name), (again.RecordedHere, again.Setup.Record.Name));
    }
}
