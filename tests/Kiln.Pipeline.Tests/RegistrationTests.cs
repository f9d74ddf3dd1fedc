using Kiln.Hashing;
using Kiln.Inference;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Registration;
using Kiln.Pipeline.Stages;
using Kiln.Pipeline.Tracking;
using Kiln.Pipeline.Training;
using Kiln.Registry;
using Kiln.Registry.Promotion;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Tests;

public sealed class RegistrationTests
{
    private const string GoodTrainer = "name: LightGbm\n  seed: 1\n  hyperparameters: { number_of_iterations: 60, learning_rate: 0.1 }";
    private const string WeakTrainer = "name: LightGbm\n  seed: 1\n  hyperparameters: { number_of_iterations: 3, learning_rate: 0.02, number_of_leaves: 2 }";

    private static async Task<PipelineContext> EvaluateAsync(TestWorkspace workspace, string trainer)
    {
        var context = workspace.Context(TestWorkspace.ChurnYaml(trainer));
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new EvaluateStage(context).RunAsync(TestContext.Current.CancellationToken);
        return context;
    }

    private static ModelRegistry OpenRegistry(TestWorkspace workspace) =>
        ModelRegistry.Open(new RegistryOptions(workspace.At("artifacts/registry/kiln.db")));

    [Fact]
    public async Task FirstModelBecomesChampionAndAWorseOneChallengerWithTheReason()
    {
        using var workspace = TestWorkspace.WithChurn();
        var registry = OpenRegistry(workspace);

        var first = new ModelRegistration(await EvaluateAsync(workspace, GoodTrainer), registry).Register(sourceRunId: null);
        var second = new ModelRegistration(await EvaluateAsync(workspace, WeakTrainer), registry).Register(sourceRunId: null);

        Assert.Equal(1, first.Version.Version);
        Assert.Equal(PromotionOutcome.Champion, first.Decision!.Outcome);
        Assert.Equal(2, second.Version.Version);
        Assert.Equal(PromotionOutcome.Challenger, second.Decision!.Outcome);
        Assert.Contains("champion", second.Decision.Reason, StringComparison.OrdinalIgnoreCase);

        // One ROC AUC: the promotion policy's value on the model's probabilities is the one Evaluate wrote to metrics.json.
        Assert.Equal(second.Version.Metrics["roc_auc"], second.Decision.CandidateValue, 6);
        Assert.Equal(1, registry.Resolve($"models:/{second.Version.Name}@champion").Version!.Version);
        Assert.Equal(2, registry.Resolve($"models:/{second.Version.Name}@challenger").Version!.Version);
    }

    [Fact]
    public async Task RegisteredVersionReloadsThroughTheRegistryAndPredictsItsInputExample()
    {
        using var workspace = TestWorkspace.WithChurn();
        var context = await EvaluateAsync(workspace, GoodTrainer);

        var result = new ModelRegistration(context, OpenRegistry(workspace)).Register(sourceRunId: null);

        using var local = OnnxModel.Load(context.ModelOnnx);
        Assert.Equal(local.Sha256, result.Version.Model.Sha256);
        Assert.InRange(result.LoadedProbability!.Value, 0f, 1f);
        Assert.StartsWith("[{\"senior_citizen\":", result.Version.InputExample, StringComparison.Ordinal);
        Assert.Contains(result.Version.Artifacts, a => a.Name == "MODEL_CARD.md");
        Assert.Equal(13, result.Version.Signature.Inputs.Count);
    }

    [Fact]
    public async Task CorruptedChampionIsReportedWithItsPathAndExpectedHash()
    {
        using var workspace = TestWorkspace.WithChurn();
        var context = await EvaluateAsync(workspace, GoodTrainer);
        var registry = OpenRegistry(workspace);
        var champion = new ModelRegistration(context, registry).Register(sourceRunId: null).Version;
        File.WriteAllText(champion.Model.StorePath, "not a model");
        var retrained = await EvaluateAsync(workspace, WeakTrainer);

        var error = Assert.Throws<ArtifactIntegrityException>(() => new ModelRegistration(retrained, registry).Register(sourceRunId: null));

        Assert.Contains(champion.Model.StorePath, error.Message, StringComparison.Ordinal);
        Assert.Contains(champion.Model.Sha256, error.Message, StringComparison.Ordinal);
        Assert.Single(registry.ListVersions(champion.Name));
    }

    [Fact]
    public async Task TrackedStageRecordsParametersMetricsLineageAndArtifacts()
    {
        using var workspace = TestWorkspace.WithChurn();
        var context = workspace.Context(TestWorkspace.ChurnYaml(GoodTrainer));
        var registry = OpenRegistry(workspace);
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);

        var (_, runId) = await new TrackedStage(context, registry)
            .RunAsync(new EvaluateStage(context), new RunStart(RunKind.Evaluate, "1.2.3", "abc123", "local"), TestContext.Current.CancellationToken);

        var run = registry.GetRun(runId);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("0.1", run.Parameters["trainer.hyperparameters.learning_rate"]);
        Assert.InRange(run.Metrics["roc_auc"], 0.6, 1.0);
        Assert.Equal(FileHash.Sha256(context.RawDataset), Assert.Single(run.Datasets).Sha256);
        Assert.Contains(run.Artifacts, a => a.Path.EndsWith("metrics.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissedQualityGateIsTrackedAsAFailedRunThatKeepsItsMetrics()
    {
        using var workspace = TestWorkspace.WithChurn();
        var context = workspace.Context(TestWorkspace.ChurnYaml(GoodTrainer, gate: "{ minimums: { roc_auc: 0.999 } }"));
        var registry = OpenRegistry(workspace);
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<QualityGateException>(() => new TrackedStage(context, registry)
            .RunAsync(new EvaluateStage(context), new RunStart(RunKind.Evaluate), TestContext.Current.CancellationToken));

        var run = Assert.Single(registry.RecentRuns());
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(error.Metrics["roc_auc"], run.Metrics["roc_auc"]);
        Assert.Equal(["roc_auc"], error.Gate.Failures.Select(f => f.Metric));
    }

    [Fact]
    public async Task AnyStageFailureThatMeasuredSomethingKeepsItsFiniteMetricsOnTheFailedRun()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 200);
        var context = workspace.Context(TestWorkspace.ChurnYaml());
        var registry = OpenRegistry(workspace);
        var measured = new Dictionary<string, double> { ["parity_max_abs_diff"] = 0.25, ["parity_rows"] = double.NaN };

        var error = await Assert.ThrowsAsync<MeasuredFailureException>(() => new TrackedStage(context, registry)
            .RunAsync(new FailingStage(new MeasuredFailureException("parity failed", measured)), new RunStart(RunKind.Train), TestContext.Current.CancellationToken));

        var run = Assert.Single(registry.RecentRuns());
        Assert.Equal("parity failed", error.Message);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(new Dictionary<string, double> { ["parity_max_abs_diff"] = 0.25 }, run.Metrics);
    }

    [Fact]
    public async Task ANewRunSaysSoWhenThePreviousRunOfItsKindWasKilled()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 200);
        var reporter = new RecordingReporter();
        var context = new PipelineContext(workspace.Root, KilnConfig.Parse(TestWorkspace.ChurnYaml(), "config/test.yaml"), reporter);
        var registry = OpenRegistry(workspace);
        var lastBeat = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds());
        registry.Store.InsertRun("01KILLEDEVAL", new RunStart(RunKind.Evaluate), new RunOwner("build-agent-3", 1234, lastBeat.AddMinutes(-1)), lastBeat);
        registry.FinishRun(registry.StartRun(new RunStart(RunKind.Train)), RunStatus.Succeeded);

        await Assert.ThrowsAsync<MeasuredFailureException>(() => new TrackedStage(context, registry).RunAsync(
            new FailingStage(new MeasuredFailureException("stop here", new Dictionary<string, double>())), new RunStart(RunKind.Evaluate), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<MeasuredFailureException>(() => new TrackedStage(context, registry).RunAsync(
            new FailingStage(new MeasuredFailureException("stop here", new Dictionary<string, double>())), new RunStart(RunKind.Train), TestContext.Current.CancellationToken));

        var note = Assert.Single(reporter.Lines);
        Assert.Equal(
            $"Note: the previous evaluate run 01KILLEDEVAL was killed (pid 1234 on host build-agent-3 stopped heartbeating at {lastBeat.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)",
            note);
        Assert.Equal(RunStatus.Killed, registry.GetRun("01KILLEDEVAL").Status);
    }

    [Fact]
    public async Task RegisterIsTrackedAndLinkedToTheEvaluateRunThatWroteTheseMetricsEvenWhenOtherRunsInterleave()
    {
        using var workspace = TestWorkspace.WithChurn();
        var reporter = new RecordingReporter();
        var context = new PipelineContext(workspace.Root, KilnConfig.Parse(TestWorkspace.ChurnYaml(GoodTrainer), "config/test.yaml"), reporter);
        var registry = OpenRegistry(workspace);
        var tracker = new TrackedStage(context, registry);
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);
        var (_, evaluateRun) = await tracker.RunAsync(new EvaluateStage(context), new RunStart(RunKind.Evaluate), TestContext.Current.CancellationToken);

        // A second checkout sharing the registry evaluates its own model afterwards: the newest Evaluate run is no longer ours.
        var otherCheckout = registry.StartRun(new RunStart(RunKind.Evaluate));
        var otherMetrics = workspace.At("other-checkout/metrics.json");
        Directory.CreateDirectory(Path.GetDirectoryName(otherMetrics)!);
        File.WriteAllText(otherMetrics, "{}");
        registry.LogArtifact(otherCheckout, otherMetrics);
        registry.FinishRun(otherCheckout, RunStatus.Succeeded);
        var stage = new RegisterStage(context, registry);
        var before = stage.Check();

        var (result, registerRun) = await tracker.RunAsync(stage, new RunStart(RunKind.Register), TestContext.Current.CancellationToken);

        var version = Assert.Single(registry.ListVersions("model"));
        Assert.Equal((false, "artifacts/model/model.onnx is not registered yet"), (before.IsUpToDate, before.Reason));
        Assert.Equal(evaluateRun, version.SourceRunId);
        Assert.Contains($"Registered models:/model/1 as @champion from evaluate run {evaluateRun}", reporter.Lines);
        var run = registry.GetRun(registerRun);
        Assert.Equal((RunKind.Register, RunStatus.Succeeded), (run.Kind, run.Status));
        Assert.Equal(version.Metrics["roc_auc"], run.Metrics["roc_auc"]);
        Assert.Equal(version.Model.Sha256, Assert.Single(run.Artifacts).Sha256);
        Assert.Equal("0.1", run.Parameters["trainer.hyperparameters.learning_rate"]);
        Assert.Equal((true, "artifacts/model/model.onnx is already model v1 (@champion)"), (stage.Check().IsUpToDate, stage.Check().Reason));
        Assert.Equal(result.Summary, reporter.Lines.First(l => l.StartsWith("Registered", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RegisteringTheSameModelAgainRegistersNothingAndNamesTheVersion()
    {
        using var workspace = TestWorkspace.WithChurn();
        var evaluated = await EvaluateAsync(workspace, GoodTrainer);
        var reporter = new RecordingReporter();
        var context = new PipelineContext(evaluated.Root, evaluated.Config, reporter);
        var registry = OpenRegistry(workspace);
        var first = new ModelRegistration(context, registry).Register(sourceRunId: null);

        var again = new ModelRegistration(context, registry).Register(sourceRunId: null);
        var forced = await new RegisterStage(context, registry).RunAsync(TestContext.Current.CancellationToken);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal((1, (PromotionDecision?)null), (again.Version.Version, again.Decision));
        Assert.Equal(["champion"], again.Version.Aliases);
        Assert.Equal("artifacts/model/model.onnx is already model v1 (@champion); nothing registered", Assert.Single(reporter.Lines));
        Assert.Equal(reporter.Lines[0], forced.Summary);
        Assert.Empty(forced.Outputs);
        Assert.Single(registry.ListVersions("model"));
    }

    [Fact]
    public async Task MetricsOfAnotherModelAreRefusedBeforeAnythingIsRegistered()
    {
        using var workspace = TestWorkspace.WithChurn();
        var context = await EvaluateAsync(workspace, GoodTrainer);
        await new TrainStage(workspace.Context(TestWorkspace.ChurnYaml(WeakTrainer))).RunAsync(TestContext.Current.CancellationToken);
        var registry = OpenRegistry(workspace);

        var error = Assert.Throws<PipelineException>(() => new ModelRegistration(context, registry).Register(sourceRunId: null));

        Assert.Matches("^artifacts/evaluation/metrics.json evaluated model sha256 [0-9a-f]{12} but artifacts/model/model.onnx is [0-9a-f]{12}; rerun Evaluate$", error.Message);
        Assert.Empty(registry.ListVersions());
    }

    private sealed class FailingStage(Exception failure) : IStage
    {
        public string Name => "failing";

        public StageStatus Check() => new(false, "always runs");

        public Task<StageResult> RunAsync(CancellationToken cancellationToken = default) => Task.FromException<StageResult>(failure);
    }
}
