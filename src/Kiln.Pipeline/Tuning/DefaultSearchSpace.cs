using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>The ranges searched when the config names none: wide enough for a new dataset, bounded so a trial stays affordable.</summary>
public static class DefaultSearchSpace
{
    /// <summary>The default ranges of one trainer.</summary>
    /// <param name="trainer">A name from <see cref="TrainerCatalog.Names"/>.</param>
    public static IReadOnlyList<HyperparameterRange> For(string trainer) => trainer switch
    {
        TrainerCatalog.LightGbm =>
        [
            HyperparameterRange.Integer("number_of_iterations", 50, 500, log: true),
            HyperparameterRange.LogUniform("learning_rate", 0.01, 0.3),
            HyperparameterRange.Integer("number_of_leaves", 4, 64, log: true),
            HyperparameterRange.Integer("minimum_example_count_per_leaf", 5, 200, log: true),
            HyperparameterRange.LogUniform("l2_regularization", 1e-3, 10),
            HyperparameterRange.Uniform("feature_fraction", 0.5, 1),
        ],
        TrainerCatalog.FastTree =>
        [
            HyperparameterRange.Integer("number_of_trees", 50, 500, log: true),
            HyperparameterRange.LogUniform("learning_rate", 0.01, 0.3),
            HyperparameterRange.Integer("number_of_leaves", 4, 64, log: true),
            HyperparameterRange.Integer("minimum_example_count_per_leaf", 5, 200, log: true),
        ],
        TrainerCatalog.LbfgsLogisticRegression =>
        [
            HyperparameterRange.LogUniform("l1_regularization", 1e-4, 10),
            HyperparameterRange.LogUniform("l2_regularization", 1e-4, 10),
        ],
        TrainerCatalog.SdcaLogisticRegression =>
        [
            HyperparameterRange.LogUniform("l2_regularization", 1e-6, 1),
            HyperparameterRange.Integer("maximum_number_of_iterations", 10, 200, log: true),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "not a Kiln trainer"),
    };
}
