using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Tuning;
using Kiln.Registry;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class SecondSchemaTuningTests
{
    private static string Yaml(string trainer, string tuning = "") =>
        LoanDatasetGenerator.DatasetYaml + $"\nsplit: {{ test_fraction: 0.25, seed: 9 }}\ntrainer: {trainer}\nquality_gate: {{ minimums: {{ roc_auc: 0.6 }} }}\n{tuning}\n";

    [Fact]
    public async Task TuneWithConfigOnlyReachesTheBestOfLogisticRegressionAndBoostedTreesWithLibraryDefaults()
    {
        using var workspace = new TestWorkspace();
        new LoanDatasetGenerator(rows: 8000).WriteTo(workspace.RawDirectory);
        File.WriteAllText(workspace.At("config.yaml"), Yaml("{ name: SdcaLogisticRegression, seed: 3 }", "tuning: { trainers: [LbfgsLogisticRegression, LightGbm, FastTree], trials: 20, folds: 5, timeout_minutes: 30 }"));
        var context = new PipelineContext(workspace.Root, KilnConfig.Load(workspace.At("config.yaml")));
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        var registry = ModelRegistry.Open(new RegistryOptions(workspace.At("registry/kiln.db")));
        var tuned = new StudyRunner(context, registry).Run(new RunStart(RunKind.Tune), new TuneOptions(), TestContext.Current.CancellationToken).Best!;

        // The baselines are scored on the very same folds, so the comparison is not at the mercy of one test split.
        var schema = FeatureSchema.Load(context.FeaturesJson);
        var validator = new CrossValidator(TrainingFolds.Prepare(context, schema), schema, context.Config.Trainer.Seed);
        double Baseline(TrialParameters parameters) => validator.Score(parameters, _ => true, TestContext.Current.CancellationToken).Average(f => f.Metrics[MetricNames.RocAuc]);
        var logistic = Baseline(new TrialParameters(TrainerCatalog.LbfgsLogisticRegression, new Dictionary<string, double>()));
        // LightGBM's own defaults: 100 iterations, learning rate 0.1, 31 leaves, 20 rows per leaf.
        var boosted = Baseline(new TrialParameters(TrainerCatalog.LightGbm, new Dictionary<string, double> { ["number_of_iterations"] = 100, ["learning_rate"] = 0.1, ["number_of_leaves"] = 31, ["minimum_example_count_per_leaf"] = 20 }));

        Assert.True(tuned.Value >= Math.Max(logistic, boosted), $"tuned trial {tuned.Number} ({TrialParameters.FromRunParameters(tuned.Parameters)}) {tuned.Value:F4} vs logistic regression {logistic:F4} and LightGbm with library defaults {boosted:F4}");
    }
}
