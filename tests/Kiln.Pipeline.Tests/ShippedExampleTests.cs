using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Training;
using Kiln.Testing;

namespace Kiln.Pipeline.Tests;

public sealed class ShippedExampleTests
{
    [Fact]
    public async Task DefaultConfigOnTheShippedDataReachesNinetyEightPercentOfTheOracleAuc()
    {
        using var workspace = new TestWorkspace();
        var root = RepositoryRoot.Path;
        foreach (var file in Directory.GetFiles(Path.Combine(root, "data", "01-raw")))
        {
            File.Copy(file, Path.Combine(workspace.RawDirectory, Path.GetFileName(file)));
        }

        var context = new PipelineContext(workspace.Root, KilnConfig.Load(Path.Combine(root, "config", "local.yaml")));

        var features = await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);
        var evaluate = await new EvaluateStage(context).RunAsync(TestContext.Current.CancellationToken);

        Assert.InRange(features.Metrics["rows_rejected"] / features.Metrics["rows_read"], 0.001, 0.004);
        Assert.True(
            evaluate.Metrics["auc_to_oracle_ratio"] >= 0.98,
            $"roc_auc {evaluate.Metrics[MetricNames.RocAuc]:F4} vs oracle {evaluate.Metrics["oracle_auc"]:F4}");
    }
}
