using Kiln.Hashing;
using Kiln.Inference;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Registration;
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
        Assert.Equal(PromotionOutcome.Champion, first.Decision.Outcome);
        Assert.Equal(2, second.Version.Version);
        Assert.Equal(PromotionOutcome.Challenger, second.Decision.Outcome);
        Assert.Contains("champion", second.Decision.Reason, StringComparison.OrdinalIgnoreCase);
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
        Assert.InRange(result.LoadedProbability, 0f, 1f);
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
        await new TrainStage(workspace.Context(TestWorkspace.ChurnYaml(WeakTrainer))).RunAsync(TestContext.Current.CancellationToken);

        var error = Assert.Throws<ArtifactIntegrityException>(() => new ModelRegistration(context, registry).Register(sourceRunId: null));

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

        await Assert.ThrowsAsync<QualityGateException>(() => new TrackedStage(context, registry)
            .RunAsync(new EvaluateStage(context), new RunStart(RunKind.Evaluate), TestContext.Current.CancellationToken));

        var run = Assert.Single(registry.RecentRuns());
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.True(run.Metrics.ContainsKey("roc_auc"));
    }
}
