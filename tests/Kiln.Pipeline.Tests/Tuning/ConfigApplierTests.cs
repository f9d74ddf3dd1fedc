using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Tuning;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class ConfigApplierTests
{
    private static readonly StudyRecord Study = new("churn-5f3a", DateTimeOffset.UnixEpoch, "roc_auc", false, 40, "ffff", "");

    private static TrialRecord Trial(string trainer, params (string Name, double Value)[] values) => new(
        Study.Name, 17, "01JTRIALRUN", TrialState.Complete, 0.88, 1, RunStatus.Succeeded, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null,
        new TrialParameters(trainer, values.ToDictionary(v => v.Name, v => v.Value)).ToRunParameters(), new Dictionary<string, double>());

    private static string ShippedConfig() => File.ReadAllText(Path.Combine(Kiln.Testing.RepositoryRoot.Path, "config", "local.yaml"));

    [Fact]
    public void WritesTheTrialIntoTheShippedConfigKeepingEveryCommentAndEveryOtherLine()
    {
        var original = ShippedConfig();
        var trial = Trial(TrainerCatalog.LightGbm, ("number_of_iterations", 420), ("learning_rate", 0.0234), ("number_of_leaves", 24), ("feature_fraction", 0.8));

        var edited = ConfigApplier.Edit(original, Study, trial);

        var config = KilnConfig.Parse(edited, "config/local.yaml");
        Assert.Equal(TrialParameters.FromRunParameters(trial.Parameters).ToTrainerConfig(1).Hyperparameters.OrderBy(h => h.Key), config.Trainer.Hyperparameters.OrderBy(h => h.Key));
        Assert.Equal(new AppliedTrial("churn-5f3a", 17, "01JTRIALRUN"), config.Tuning.Applied);
        // Every comment line and every line outside trainer.hyperparameters is still there, in order.
        var originalLines = original.Split('\n').Where(line => !line.StartsWith("    ", StringComparison.Ordinal)).ToArray();
        var editedLines = edited.Split('\n').Where(line => !line.StartsWith("    ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(originalLines[..^1], editedLines[..(originalLines.Length - 1)]);
        Assert.Contains("  base_image: kiln-base:offline         # built by Kiln from this machine's libraries", edited);
        Assert.Contains("    number_of_iterations: 420\n    learning_rate: 0.0234\n    number_of_leaves: 24\n    feature_fraction: 0.8\n", edited);
        Assert.DoesNotContain("minimum_example_count_per_leaf", edited);
    }

    [Fact]
    public void KeepsAFlowStyleHyperparameterMapInFlowStyleAndItsInlineComment()
    {
        var original = "# header comment\ndataset: { path: a.csv, id: id, label: { column: y, positive: \"1\", negative: \"0\" }, numeric: [x] }\ntrainer:\n  name: FastTree   # the trainer\n  seed: 3\n  hyperparameters: { number_of_trees: 100, learning_rate: 0.2 }   # tuned\n";
        var edited = ConfigApplier.Edit(original, Study, Trial(TrainerCatalog.FastTree, ("number_of_trees", 250), ("number_of_leaves", 8)));

        Assert.Equal(
            "# header comment\ndataset: { path: a.csv, id: id, label: { column: y, positive: \"1\", negative: \"0\" }, numeric: [x] }\ntrainer:\n  name: FastTree   # the trainer\n  seed: 3\n  hyperparameters: { number_of_trees: 250, number_of_leaves: 8 }   # tuned\n\n"
            + "# Written by ./build.sh Tune --apply: the trial the trainer section came from.\ntuning:\n  applied: { study: churn-5f3a, trial: 17, run: 01JTRIALRUN }\n",
            edited);
        Assert.Equal(3, KilnConfig.Parse(edited, "t.yaml").Trainer.Seed);
    }

    [Fact]
    public void AddsHyperparametersToAFlowTrainerMapAndSwitchesTheTrainer()
    {
        var original = "dataset: { path: a.csv, id: id, label: { column: y, positive: \"1\", negative: \"0\" }, numeric: [x] }\ntrainer: { name: LightGbm, seed: 2 }\ntuning:\n  trials: 10   # small budget\n";
        var edited = ConfigApplier.Edit(original, Study, Trial(TrainerCatalog.LbfgsLogisticRegression, ("l2_regularization", 0.5)));

        Assert.Equal(
            "dataset: { path: a.csv, id: id, label: { column: y, positive: \"1\", negative: \"0\" }, numeric: [x] }\ntrainer: { name: LbfgsLogisticRegression, seed: 2, hyperparameters: { l2_regularization: 0.5 } }\ntuning:\n  trials: 10   # small budget\n  applied: { study: churn-5f3a, trial: 17, run: 01JTRIALRUN }\n",
            edited);
        var config = KilnConfig.Parse(edited, "t.yaml");
        Assert.Equal((TrainerCatalog.LbfgsLogisticRegression, 0.5, 10), (config.Trainer.Name, config.Trainer.Hyperparameters["l2_regularization"], config.Tuning.Trials));
    }

    [Fact]
    public void ReplacesAPreviouslyAppliedTrialAndDropsTheOldTrainersKeys()
    {
        var original = "dataset: { path: a.csv, id: id, label: { column: y, positive: \"1\", negative: \"0\" }, numeric: [x] }\ntrainer:\n  name: LightGbm\n  hyperparameters:\n    number_of_iterations: 300   # old\n    learning_rate: 0.05\ntuning: { applied: { study: old, trial: 1, run: R1 } }\n";
        var edited = ConfigApplier.Edit(original, Study, Trial(TrainerCatalog.FastTree, ("learning_rate", 0.11), ("number_of_trees", 90)));

        Assert.Equal(
            "dataset: { path: a.csv, id: id, label: { column: y, positive: \"1\", negative: \"0\" }, numeric: [x] }\ntrainer:\n  name: FastTree\n  hyperparameters:\n    learning_rate: 0.11\n    number_of_trees: 90\ntuning: { applied: { study: churn-5f3a, trial: 17, run: 01JTRIALRUN } }\n",
            edited);
    }

    [Fact]
    public void ApplyRewritesTheFileOnlyWhenTheResultReadsBackAsTheTrial()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.At("local.yaml");
        File.WriteAllText(path, ShippedConfig());

        var applied = new ConfigApplier(path).Apply(Study, Trial(TrainerCatalog.SdcaLogisticRegression, ("l2_regularization", 0.001)));

        var config = KilnConfig.Load(path);
        Assert.Equal(new AppliedTrial(Study.Name, 17, "01JTRIALRUN"), applied);
        Assert.Equal((TrainerCatalog.SdcaLogisticRegression, 0.001), (config.Trainer.Name, config.Trainer.Hyperparameters["l2_regularization"]));
        Assert.Equal("01JTRIALRUN", config.Parameters["tuning.applied.run"]);
    }
}
