using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Evaluation;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class TuningConfigTests
{
    private static KilnConfig Parse(string tuning) => KilnConfig.Parse(TestWorkspace.ChurnYaml() + "\n" + tuning, "config/test.yaml");

    private static string ErrorOf(string tuning) => Assert.Throws<ConfigException>(() => Parse(tuning)).Message;

    [Fact]
    public void SearchesEveryTrainerWithDefaultsWhenTheSectionIsAbsent()
    {
        var tuning = KilnConfig.Parse(TestWorkspace.ChurnYaml(), "config/test.yaml").Tuning;

        Assert.Equal(TrainerCatalog.Names, tuning.Trainers);
        Assert.Equal((5, MetricNames.RocAuc, "tpe", "median", 40), (tuning.Folds, tuning.Metric, tuning.Sampler, tuning.Pruner, tuning.Trials));
        Assert.Empty(tuning.SearchSpace);
        Assert.Null(tuning.Applied);
    }

    [Fact]
    public void ReadsEveryRangeKindAndAFixedValue()
    {
        var tuning = Parse("""
            tuning:
              trainers: [LightGbm]
              folds: 3
              trials: 12
              timeout_minutes: 2.5
              seed: 9
              search_space:
                LightGbm:
                  learning_rate: { log: [0.01, 0.3] }
                  feature_fraction: { uniform: [0.5, 1] }
                  number_of_iterations: { int: [50, 200] }
                  number_of_leaves: { int_log: [4, 64] }
                  minimum_example_count_per_leaf: { choice: [10, 20, 40] }
                  l1_regularization: 0.5
            """).Tuning;

        var ranges = tuning.SearchSpace["LightGbm"].ToDictionary(r => r.Name);
        Assert.Equal((RangeKind.Log, 0.01, 0.3), (ranges["learning_rate"].Kind, ranges["learning_rate"].Low, ranges["learning_rate"].High));
        Assert.Equal(RangeKind.Uniform, ranges["feature_fraction"].Kind);
        Assert.Equal(RangeKind.Int, ranges["number_of_iterations"].Kind);
        Assert.Equal(RangeKind.IntLog, ranges["number_of_leaves"].Kind);
        Assert.Equal([10.0, 20, 40], ranges["minimum_example_count_per_leaf"].Choices);
        Assert.Equal([0.5], ranges["l1_regularization"].Choices);
        Assert.Equal((3, 12, 2.5, 9), (tuning.Folds, tuning.Trials, tuning.TimeoutMinutes, tuning.Seed));
    }

    [Fact]
    public void RejectsAnUnknownTrainerWithItsLineAndASuggestion() =>
        Assert.Equal("config/test.yaml:16: unknown trainer 'LightGmb' in 'tuning.trainers' (did you mean 'LightGbm'?)", ErrorOf("tuning:\n  trainers: [FastTree, LightGmb]"));

    [Fact]
    public void RejectsAnUnknownHyperparameterWithItsLineAndASuggestion() =>
        Assert.Equal(
            "config/test.yaml:18: unknown hyperparameter 'tuning.search_space.FastTree.learning_rat' for trainer FastTree (did you mean 'learning_rate'?)",
            ErrorOf("tuning:\n  search_space:\n    FastTree:\n      learning_rat: { log: [0.01, 0.1] }"));

    [Fact]
    public void RejectsAnInvertedRange() =>
        Assert.Equal(
            "config/test.yaml:18: 'tuning.search_space.LightGbm.learning_rate.log' is inverted: low 0.3 is above high 0.01",
            ErrorOf("tuning:\n  search_space:\n    LightGbm:\n      learning_rate: { log: [0.3, 0.01] }"));

    [Fact]
    public void RejectsAnEmptyRange() =>
        Assert.Contains("'tuning.search_space.LightGbm.number_of_leaves.int' is empty: low and high are both 16", ErrorOf("tuning:\n  search_space:\n    LightGbm:\n      number_of_leaves: { int: [16, 16] }"));

    [Fact]
    public void RejectsAZeroTrialBudget() =>
        Assert.Equal("config/test.yaml:16: 'tuning.trials' is 0: the study would run no trial (give at least 1)", ErrorOf("tuning:\n  trials: 0"));

    [Fact]
    public void RejectsAZeroWallTimeBudget() =>
        Assert.StartsWith("config/test.yaml:16: 'tuning.timeout_minutes' is 0", ErrorOf("tuning:\n  timeout_minutes: 0"));

    [Theory]
    [InlineData("l2_regularization: { log: [0, 1] }", "needs a low bound above 0 for a log scale")]
    [InlineData("number_of_leaves: { uniform: [4, 64] }", "takes whole numbers: use int or int_log")]
    [InlineData("l2_regularization: { int: [1, 2] }", "takes fractional values")]
    [InlineData("number_of_leaves: { choice: [] }", "is empty: list at least one value")]
    [InlineData("number_of_leaves: { range: [4, 8] }", "unknown range kind 'range'")]
    [InlineData("learning_rate: { log: [0.01, 5] }", "must be a number between 1E-06 and 1, got '5'")]
    [InlineData("number_of_leaves: 12.5", "must be whole numbers")]
    public void RejectsABadRangeAndNamesItsKey(string range, string expected)
    {
        var message = ErrorOf($"tuning:\n  search_space:\n    LightGbm:\n      {range}");
        Assert.StartsWith("config/test.yaml:18:", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void RejectsRangesForATrainerThatIsNotSearched() =>
        Assert.Contains("'tuning.search_space.FastTree' is not searched", ErrorOf("tuning:\n  trainers: [LightGbm]\n  search_space:\n    FastTree:\n      number_of_trees: 10"));

    [Fact]
    public void RejectsAnUnknownKeyInTheSection() =>
        Assert.Equal("config/test.yaml:16: unknown key 'tuning.fold' (did you mean 'folds'?)", ErrorOf("tuning:\n  fold: 3"));

    [Fact]
    public void RecordsTheAppliedTrialAsLineageParameters()
    {
        var config = Parse("tuning:\n  applied: { study: churn-1, trial: 7, run: 01ABC }");

        Assert.Equal("churn-1", config.Parameters["tuning.applied.study"]);
        Assert.Equal("7", config.Parameters["tuning.applied.trial"]);
        Assert.Equal("01ABC", config.Parameters["tuning.applied.run"]);
    }

    [Fact]
    public void FlattensEverySettingIntoTheRunParametersWithRangesAsTheirTextAndNoFileLocation()
    {
        var parameters = Parse("""
            tuning:
              trainers: [LightGbm]
              folds: 3
              search_space:
                LightGbm:
                  learning_rate: { log: [0.01, 0.3] }
                  number_of_leaves: 8
            """).Parameters;

        Assert.Equal(("LightGbm", "3", "40", "4", "tpe"),
            (parameters["tuning.trainers"], parameters["tuning.folds"], parameters["tuning.trials"], parameters["tuning.timeout_minutes"], parameters["tuning.sampler"]));
        Assert.Equal("learning_rate=Log[0.01,0.3],number_of_leaves=Choice[8]", parameters["tuning.search_space.LightGbm"]);
        Assert.DoesNotContain(parameters, p => p.Value.Contains("config/test.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(parameters.Keys, k => k.StartsWith("tuning.applied.", StringComparison.Ordinal));
    }
}
