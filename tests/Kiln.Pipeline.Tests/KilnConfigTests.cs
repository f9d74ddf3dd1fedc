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
    public void FlattensTheShippedConfigurationToTheExactParametersKilnLockAndRunsRecord()
    {
        var parameters = KilnConfig.Load(Path.Combine(RepositoryRoot.Path, "config", "local.yaml")).Parameters;

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["container.base_image"] = "kiln-base:offline",
                ["container.image"] = "kiln-churn",
                ["dataset.categorical"] = "gender,partner,contract,payment_method,internet_service,paperless_billing,region",
                ["dataset.id"] = "customer_id",
                ["dataset.ignore"] = "",
                ["dataset.label.column"] = "churned",
                ["dataset.label.negative"] = "no",
                ["dataset.label.positive"] = "yes",
                ["dataset.numeric"] = "senior_citizen,tenure_months,monthly_charges,total_charges,support_calls,days_since_last_login",
                ["dataset.oracle"] = "churn.oracle.csv",
                ["dataset.path"] = "churn.csv",
                ["deploy.container_name"] = "kiln-churn",
                ["deploy.port"] = "8080",
                ["deploy.ready_timeout_seconds"] = "30",
                ["deploy.registry"] = "127.0.0.1:5000",
                ["quality_gate.maximums.brier_score"] = "0.15",
                ["quality_gate.maximums.log_loss"] = "0.5",
                ["quality_gate.minimums.pr_auc"] = "0.6",
                ["quality_gate.minimums.roc_auc"] = "0.8",
                ["registry.artifacts"] = "file:artifacts/registry/store",
                ["registry.model_name"] = "churn",
                ["registry.store"] = "sqlite:artifacts/registry/kiln.db",
                ["registry.promotion.bootstrap_resamples"] = "1000",
                ["registry.promotion.confidence"] = "0.95",
                ["registry.promotion.metric"] = "roc_auc",
                ["registry.promotion.min_delta"] = "0",
                ["registry.promotion.min_relative_delta"] = "0",
                ["registry.promotion.require_significance"] = "true",
                ["split.seed"] = "42",
                ["split.stratify"] = "true",
                ["split.test_fraction"] = "0.2",
                ["trainer.hyperparameters.feature_fraction"] = "1",
                ["trainer.hyperparameters.l1_regularization"] = "0",
                ["trainer.hyperparameters.l2_regularization"] = "0.01",
                ["trainer.hyperparameters.learning_rate"] = "0.05",
                ["trainer.hyperparameters.minimum_example_count_per_leaf"] = "20",
                ["trainer.hyperparameters.number_of_iterations"] = "300",
                ["trainer.hyperparameters.number_of_leaves"] = "16",
                ["trainer.name"] = "LightGbm",
                ["trainer.seed"] = "1",
                ["tuning.applied"] = "",
                ["tuning.folds"] = "5",
                ["tuning.metric"] = "roc_auc",
                ["tuning.pruner"] = "median",
                ["tuning.sampler"] = "tpe",
                ["tuning.seed"] = "1",
                ["tuning.startup_trials"] = "8",
                ["tuning.study"] = "",
                ["tuning.timeout_minutes"] = "4",
                ["tuning.trainers"] = "LightGbm,FastTree,LbfgsLogisticRegression,SdcaLogisticRegression",
                ["tuning.trials"] = "40",
                ["validation.max_rejected_fraction"] = "0.02",
            },
            parameters);
    }

    [Fact]
    public void FillsEveryLeftOutSectionWithItsDefaultsAndFlattensThemUnderTheSameKeys()
    {
        var parameters = KilnConfig.Parse("dataset:\n  path: d.csv\n  id: id\n  label: { column: y, positive: a, negative: b }\n  numeric: [x]\ntrainer: { name: FastTree }\n", "m.yaml").Parameters;

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["container.base_image"] = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled",
                ["container.image"] = "kiln-model",
                ["dataset.categorical"] = "",
                ["dataset.id"] = "id",
                ["dataset.ignore"] = "",
                ["dataset.label.column"] = "y",
                ["dataset.label.negative"] = "b",
                ["dataset.label.positive"] = "a",
                ["dataset.numeric"] = "x",
                ["dataset.oracle"] = "",
                ["dataset.path"] = "d.csv",
                ["deploy.container_name"] = "kiln-model",
                ["deploy.port"] = "8080",
                ["deploy.ready_timeout_seconds"] = "30",
                ["deploy.registry"] = "127.0.0.1:5000",
                ["registry.artifacts"] = "",
                ["registry.model_name"] = "model",
                ["registry.store"] = "sqlite:artifacts/registry/kiln.db",
                ["registry.promotion.bootstrap_resamples"] = "1000",
                ["registry.promotion.confidence"] = "0.95",
                ["registry.promotion.metric"] = "roc_auc",
                ["registry.promotion.min_delta"] = "0",
                ["registry.promotion.min_relative_delta"] = "0",
                ["registry.promotion.require_significance"] = "true",
                ["split.seed"] = "42",
                ["split.stratify"] = "true",
                ["split.test_fraction"] = "0.2",
                ["trainer.hyperparameters.learning_rate"] = "0.1",
                ["trainer.hyperparameters.minimum_example_count_per_leaf"] = "10",
                ["trainer.hyperparameters.number_of_leaves"] = "20",
                ["trainer.hyperparameters.number_of_trees"] = "200",
                ["trainer.name"] = "FastTree",
                ["trainer.seed"] = "1",
                ["tuning.applied"] = "",
                ["tuning.folds"] = "5",
                ["tuning.metric"] = "roc_auc",
                ["tuning.pruner"] = "median",
                ["tuning.sampler"] = "tpe",
                ["tuning.seed"] = "1",
                ["tuning.startup_trials"] = "8",
                ["tuning.study"] = "",
                ["tuning.timeout_minutes"] = "4",
                ["tuning.trainers"] = "LightGbm,FastTree,LbfgsLogisticRegression,SdcaLogisticRegression",
                ["tuning.trials"] = "40",
                ["validation.max_rejected_fraction"] = "0.02",
            },
            parameters);
    }

    [Fact]
    public void KeepsTheYamlParserErrorAsTheInnerException()
    {
        var error = Fails("dataset:\n  path: [unclosed\n");

        Assert.IsAssignableFrom<YamlDotNet.Core.YamlException>(error.InnerException);
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
