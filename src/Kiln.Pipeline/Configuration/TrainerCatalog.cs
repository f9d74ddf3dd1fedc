namespace Kiln.Pipeline.Configuration;

/// <summary>The trainers Kiln can train and export to ONNX, and the hyperparameters each accepts.</summary>
public static class TrainerCatalog
{
    /// <summary>Gradient-boosted trees (LightGBM).</summary>
    public const string LightGbm = "LightGbm";

    /// <summary>Gradient-boosted trees (ML.NET FastTree).</summary>
    public const string FastTree = "FastTree";

    /// <summary>Logistic regression fitted with L-BFGS.</summary>
    public const string LbfgsLogisticRegression = "LbfgsLogisticRegression";

    /// <summary>Logistic regression fitted with SDCA.</summary>
    public const string SdcaLogisticRegression = "SdcaLogisticRegression";

    private static readonly Dictionary<string, HyperparameterSpec[]> Specs = new(StringComparer.Ordinal)
    {
        [LightGbm] =
        [
            new("number_of_iterations", true, 1, 100_000, 300),
            new("learning_rate", false, 1e-6, 1, 0.05),
            new("number_of_leaves", true, 2, 131_072, 16),
            new("minimum_example_count_per_leaf", true, 1, 1_000_000, 20),
            new("l1_regularization", false, 0, 1e6, 0),
            new("l2_regularization", false, 0, 1e6, 0.01),
            new("feature_fraction", false, 1e-6, 1, 1),
        ],
        [FastTree] =
        [
            new("number_of_trees", true, 1, 100_000, 200),
            new("learning_rate", false, 1e-6, 1, 0.1),
            new("number_of_leaves", true, 2, 131_072, 20),
            new("minimum_example_count_per_leaf", true, 1, 1_000_000, 10),
        ],
        [LbfgsLogisticRegression] =
        [
            new("l1_regularization", false, 0, 1e6, 1),
            new("l2_regularization", false, 0, 1e6, 1),
            new("optimization_tolerance", false, 1e-12, 1, 1e-7),
            new("history_size", true, 1, 1000, 20),
            new("maximum_number_of_iterations", true, 1, 1_000_000, 1000),
        ],
        [SdcaLogisticRegression] =
        [
            new("l1_regularization", false, 0, 1e6, 0),
            new("l2_regularization", false, 1e-12, 1e6, 1e-4),
            new("maximum_number_of_iterations", true, 1, 1_000_000, 50),
        ],
    };

    /// <summary>The trainer names, in the order they are documented.</summary>
    public static IReadOnlyList<string> Names { get; } = [LightGbm, FastTree, LbfgsLogisticRegression, SdcaLogisticRegression];

    /// <summary>The hyperparameters the named trainer accepts.</summary>
    /// <param name="trainer">A name from <see cref="Names"/>.</param>
    public static IReadOnlyList<HyperparameterSpec> Hyperparameters(string trainer) => Specs[trainer];

    /// <summary>True when the trainer works on raw feature scales, so no normalisation is needed.</summary>
    /// <param name="trainer">A name from <see cref="Names"/>.</param>
    public static bool IsTreeBased(string trainer) => trainer is LightGbm or FastTree;
}
