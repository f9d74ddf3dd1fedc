using Kiln.Pipeline.Configuration;
using Kiln.Testing;

namespace Kiln.Pipeline.Tests;

public sealed class KilnConfigTests
{
    private static ConfigException Fails(string yaml) =>
        Assert.Throws<ConfigException>(() => KilnConfig.Parse(yaml, "config/local.yaml"));

    [Fact]
    public void RejectsMisspeltHyperparameterNamingFileLineAndClosestName()
    {
        var yaml = TestWorkspace.ChurnYaml(trainer: "name: LightGbm\n  hyperparameters:\n    learning_rat: 0.1");
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("learning_rat", StringComparison.Ordinal)) + 1;

        var error = Fails(yaml);

        Assert.Equal($"config/local.yaml:{line}: unknown key 'trainer.hyperparameters.learning_rat' for trainer LightGbm (did you mean 'learning_rate'?)", error.Message);
    }

    [Fact]
    public void RejectsUnknownSectionKeyWithItsDottedPath()
    {
        var yaml = TestWorkspace.ChurnYaml().Replace("split: { test_fraction: 0.2,", "split: { test_fractoin: 0.2,", StringComparison.Ordinal);

        var error = Fails(yaml);

        Assert.Contains("config/local.yaml:9: unknown key 'split.test_fractoin' (did you mean 'test_fraction'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsMissingRequiredKey()
    {
        var yaml = TestWorkspace.ChurnYaml().Replace("  id: customer_id\n", "", StringComparison.Ordinal);

        var error = Fails(yaml);

        Assert.Equal("config/local.yaml:2: missing required key 'dataset.id'", error.Message);
    }

    [Fact]
    public void RejectsWrongTypeNamingTheValue()
    {
        var yaml = TestWorkspace.ChurnYaml().Replace("seed: 42", "seed: forty-two", StringComparison.Ordinal);

        var error = Fails(yaml);

        Assert.Contains("config/local.yaml:9: 'split.seed' must be a whole number", error.Message, StringComparison.Ordinal);
        Assert.Contains("'forty-two'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsUnknownTrainerAndUnknownGateMetric()
    {
        var badTrainer = Fails(TestWorkspace.ChurnYaml(trainer: "name: LightGBM"));
        var badMetric = Fails(TestWorkspace.ChurnYaml(gate: "{ minimums: { auc: 0.8 } }"));

        Assert.Contains("unknown trainer 'LightGBM' in 'trainer.name' (did you mean 'LightGbm'?)", badTrainer.Message, StringComparison.Ordinal);
        Assert.Contains("unknown metric 'quality_gate.minimums.auc'", badMetric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsHyperparameterOutOfRangeOrFractionalWhereWholeIsNeeded()
    {
        var negative = Fails(TestWorkspace.ChurnYaml(trainer: "name: FastTree\n  hyperparameters: { learning_rate: -1 }"));
        var fractional = Fails(TestWorkspace.ChurnYaml(trainer: "name: FastTree\n  hyperparameters: { number_of_trees: 2.5 }"));

        Assert.Contains("'trainer.hyperparameters.learning_rate' must be a number between", negative.Message, StringComparison.Ordinal);
        Assert.Contains("'trainer.hyperparameters.number_of_trees' must be a whole number", fractional.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsInvalidYamlWithItsLine()
    {
        var error = Fails("dataset:\n  path: [unclosed\n");

        Assert.StartsWith("config/local.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlattensEffectiveParametersIncludingTrainerDefaults()
    {
        var config = KilnConfig.Parse(TestWorkspace.ChurnYaml(trainer: "name: LightGbm\n  hyperparameters: { learning_rate: 0.1 }"), "config/local.yaml");

        Assert.Equal("0.1", config.Parameters["trainer.hyperparameters.learning_rate"]);
        Assert.Equal("300", config.Parameters["trainer.hyperparameters.number_of_iterations"]);
        Assert.Equal("0.6", config.Parameters["quality_gate.minimums.roc_auc"]);
        Assert.Equal("customer_id", config.Parameters["dataset.id"]);
    }

    [Theory]
    [InlineData("config/local.yaml")]
    [InlineData("config/prod.yaml")]
    public void ShippedConfigurationsLoad(string file)
    {
        var config = KilnConfig.Load(Path.Combine(RepositoryRoot.Path, file));

        Assert.Equal("churn.csv", config.Dataset.Path);
        Assert.Equal(TrainerCatalog.LightGbm, config.Trainer.Name);
        Assert.Equal("churn", config.Registry.ModelName);
    }

    [Fact]
    public void RejectsADuplicatedKeyNamingItsLine()
    {
        var yaml = TestWorkspace.ChurnYaml().Replace("split: {", "validation: { max_rejected_fraction: 0.5 }\nsplit: {", StringComparison.Ordinal);

        var error = Fails(yaml);

        Assert.StartsWith("config/local.yaml:9:", error.Message, StringComparison.Ordinal);
        Assert.Contains("validation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestsTheFullNameOfATrainerOrMetricCutShort()
    {
        var trainer = Fails(TestWorkspace.ChurnYaml(trainer: "name: Lbfgs"));
        var metric = Fails(TestWorkspace.ChurnYaml(gate: "{ minimums: { roc: 0.8 } }"));
        var either = Fails(TestWorkspace.ChurnYaml(gate: "{ minimums: { auc: 0.8 } }"));

        Assert.Contains("unknown trainer 'Lbfgs' in 'trainer.name' (did you mean 'LbfgsLogisticRegression'?)", trainer.Message, StringComparison.Ordinal);
        Assert.Contains("unknown metric 'quality_gate.minimums.roc' (did you mean 'roc_auc'?)", metric.Message, StringComparison.Ordinal);
        Assert.Contains("unknown metric 'quality_gate.minimums.auc' (did you mean 'pr_auc' or 'roc_auc'?)", either.Message, StringComparison.Ordinal);
    }
}
