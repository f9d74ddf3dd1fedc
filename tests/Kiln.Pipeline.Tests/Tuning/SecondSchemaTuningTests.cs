using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Training;
using Kiln.Pipeline.Tuning;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class SecondSchemaTuningTests
{
    private static string Yaml(string trainer, string tuning = "") =>
        LoanDatasetGenerator.DatasetYaml + $"\nsplit: {{ test_fraction: 0.25, seed: 9 }}\ntrainer: {trainer}\nquality_gate: {{ minimums: {{ roc_auc: 0.6 }} }}\n{tuning}\n";

    private static async Task<double> TestAucAsync(TestWorkspace workspace, string yaml)
    {
        File.WriteAllText(workspace.At("config.yaml"), yaml);
        var context = new PipelineContext(workspace.Root, KilnConfig.Load(workspace.At("config.yaml")));
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);
        var evaluate = await new EvaluateStage(context).RunAsync(TestContext.Current.CancellationToken);
        return evaluate.Metrics[MetricNames.RocAuc];
    }

    [Fact]
    public async Task TuneWithConfigOnlyReachesTheBestOfLogisticRegressionAndBoostedTreesWithLibraryDefaults()
    {
        using var workspace = new TestWorkspace();
        new LoanDatasetGenerator(rows: 6000).WriteTo(workspace.RawDirectory);
        var logistic = await TestAucAsync(workspace, Yaml("{ name: LbfgsLogisticRegression, seed: 3 }"));
        // LightGBM's own defaults: 100 iterations, learning rate 0.1, 31 leaves, 20 rows per leaf.
        var boosted = await TestAucAsync(workspace, Yaml("{ name: LightGbm, seed: 3, hyperparameters: { number_of_iterations: 100, learning_rate: 0.1, number_of_leaves: 31, minimum_example_count_per_leaf: 20 } }"));

        File.WriteAllText(workspace.At("config.yaml"), Yaml("{ name: LightGbm, seed: 3 }", "tuning: { trials: 16, folds: 3, timeout_minutes: 20 }"));
        var context = new PipelineContext(workspace.Root, KilnConfig.Load(workspace.At("config.yaml")));
        var store = new SqliteRegistryStore(new RegistryOptions(workspace.At("registry/kiln.db")));
        new TuneCommand(context, store, workspace.At("config.yaml")).Run(new RunStart(RunKind.Tune), new TuneOptions(), apply: true, TestContext.Current.CancellationToken);
        var tunedConfig = File.ReadAllText(workspace.At("config.yaml"));
        var tuned = await TestAucAsync(workspace, tunedConfig);

        Assert.True(tuned >= Math.Max(logistic, boosted), $"tuned {tuned:F4} (config:\n{tunedConfig}) vs logistic regression {logistic:F4} and LightGbm with library defaults {boosted:F4}");
    }
}
