namespace Kiln.Pipeline.Configuration;

/// <summary>Which ML.NET trainer to use and its effective hyperparameters (defaults filled in).</summary>
/// <param name="Name">One of LightGbm, FastTree, LbfgsLogisticRegression, SdcaLogisticRegression.</param>
/// <param name="Seed">The MLContext seed.</param>
/// <param name="Hyperparameters">Every hyperparameter the trainer takes, by snake_case name, configured or default (see <see cref="TrainerCatalog"/>).</param>
public sealed record TrainerConfig(string Name, int Seed, IReadOnlyDictionary<string, double> Hyperparameters)
{
    /// <summary>The seed used when the file leaves 'trainer.seed' out; the name is required and hyperparameter defaults live in <see cref="TrainerCatalog"/>.</summary>
    public const int DefaultSeed = 1;
}
