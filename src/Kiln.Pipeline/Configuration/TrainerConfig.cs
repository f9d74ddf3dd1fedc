namespace Kiln.Pipeline.Configuration;

/// <summary>Which ML.NET trainer to use and its effective hyperparameters (defaults filled in).</summary>
/// <param name="Name">One of LightGbm, FastTree, LbfgsLogisticRegression, SdcaLogisticRegression.</param>
/// <param name="Seed">The MLContext seed.</param>
/// <param name="Hyperparameters">Every hyperparameter the trainer takes, by snake_case name, configured or default.</param>
public sealed record TrainerConfig(string Name, int Seed, IReadOnlyDictionary<string, double> Hyperparameters);
