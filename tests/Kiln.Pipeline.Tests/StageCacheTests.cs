using Kiln.Hashing;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Stages;
using Kiln.Pipeline.Training;

namespace Kiln.Pipeline.Tests;

public sealed class StageCacheTests
{
    private static string Yaml(double learningRate = 0.1) =>
        TestWorkspace.ChurnYaml(trainer: $"name: LightGbm\n  seed: 1\n  hyperparameters: {{ number_of_iterations: 30, learning_rate: {learningRate} }}");

    private static IStage[] Stages(PipelineContext context) => [new FeaturesStage(context), new TrainStage(context), new EvaluateStage(context)];

    private static async Task RunAll(PipelineContext context)
    {
        foreach (var stage in Stages(context))
        {
            await stage.RunAsync(TestContext.Current.CancellationToken);
        }
    }

    private static string[] Reasons(PipelineContext context) => [.. Stages(context).Select(s => s.Check().Reason)];

    [Fact]
    public async Task ReportsNeverRunThenUpToDateAfterARunAndStaysUpToDateAfterAForcedRerun()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 1500);
        var context = workspace.Context(Yaml());
        Assert.Equal(["never run", "never run", "never run"], Reasons(context));

        await RunAll(context);
        Assert.Equal([StageStatus.Unchanged, StageStatus.Unchanged, StageStatus.Unchanged], Reasons(context));

        var model = FileHash.Sha256(workspace.At("artifacts/model/model.onnx"));
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal([StageStatus.Unchanged, StageStatus.Unchanged, StageStatus.Unchanged], Reasons(context));
        Assert.Equal(model, FileHash.Sha256(workspace.At("artifacts/model/model.onnx")));
        Assert.Contains("train:\n    code: ", File.ReadAllText(workspace.At("kiln.lock")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HyperparameterChangeMakesTrainAndEvaluateStaleButNotFeatures()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 1500);
        await RunAll(workspace.Context(Yaml(learningRate: 0.1)));

        var reasons = Reasons(workspace.Context(Yaml(learningRate: 0.2)));

        Assert.Equal(StageStatus.Unchanged, reasons[0]);
        Assert.Equal("params changed: trainer.hyperparameters.learning_rate 0.1 -> 0.2", reasons[1]);
        Assert.Equal("upstream stage train is stale (params changed: trainer.hyperparameters.learning_rate 0.1 -> 0.2)", reasons[2]);
    }

    [Fact]
    public async Task EditedRawDataMakesEveryStageStaleAndAMissingOutputIsNamed()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 1500);
        var context = workspace.Context(Yaml());
        await RunAll(context);

        File.AppendAllText(Path.Combine(workspace.RawDirectory, "churn.csv"), "C999999,F,0,no,1,monthly,bank,dsl,no,50,50,0,1,\"Cork, IE\",no\n");
        var reasons = Reasons(context);
        Assert.Equal("dependency changed: data/01-raw/churn.csv", reasons[0]);
        Assert.Equal("upstream stage features is stale (dependency changed: data/01-raw/churn.csv)", reasons[1]);
        Assert.StartsWith("upstream stage train is stale (upstream stage features is stale", reasons[2], StringComparison.Ordinal);

        File.Delete(workspace.At("artifacts/model/model.onnx"));
        Assert.Equal("output missing: artifacts/model/model.onnx", new TrainStage(context).Check().Reason);
        Assert.StartsWith("dependency missing: artifacts/model/model.onnx", new EvaluateStage(context).Check().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedRunNeverLooksCompleteAndTheLockEntryIsWrittenLast()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 1500);
        var context = workspace.Context(Yaml());
        await RunAll(context);
        var failing = workspace.Context(TestWorkspace.ChurnYaml(
            trainer: "name: LightGbm\n  seed: 1\n  hyperparameters: { number_of_iterations: 30, learning_rate: 0.1 }",
            gate: "{ minimums: { roc_auc: 0.9999 } }"));

        await Assert.ThrowsAsync<QualityGateException>(() => new EvaluateStage(failing).RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal("never run", new EvaluateStage(context).Check().Reason);
        Assert.DoesNotContain("evaluate:", File.ReadAllText(workspace.At("kiln.lock")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(workspace.At("artifacts/evaluation"), "*.tmp"));
    }

    [Fact]
    public async Task TrainingTwiceFromTheSameDataAndConfigGivesAByteIdenticalOnnxModel()
    {
        using var first = TestWorkspace.WithChurn(rows: 1500);
        using var second = TestWorkspace.WithChurn(rows: 1500);
        foreach (var workspace in new[] { first, second })
        {
            var context = workspace.Context(Yaml());
            await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
            await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(FileHash.Sha256(first.At("artifacts/model/model.onnx")), FileHash.Sha256(second.At("artifacts/model/model.onnx")));
        Assert.Equal(FileHash.Sha256(first.At("data/03-features/train.csv")), FileHash.Sha256(second.At("data/03-features/train.csv")));
    }

    [Fact]
    public async Task ACancelledRunLeavesNoTemporaryFilesAndIsNotRecorded()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 1500);
        var context = workspace.Context(Yaml());
        var stage = new FeaturesStage(context);
        await stage.RunAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stage.RunAsync(new CancellationToken(canceled: true)));

        Assert.Equal("never run", stage.Check().Reason);
        Assert.Empty(Directory.GetFiles(workspace.At("data"), "*.tmp", SearchOption.AllDirectories));
    }
}
