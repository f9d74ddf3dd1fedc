using System.Globalization;
using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>The trainer and hyperparameter values one trial scores; hyperparameters not listed keep the catalog defaults.</summary>
/// <param name="Trainer">A name from <see cref="TrainerCatalog.Names"/>.</param>
/// <param name="Values">The sampled hyperparameters by snake_case name.</param>
public sealed record TrialParameters(string Trainer, IReadOnlyDictionary<string, double> Values)
{
    private const string TrainerKey = "trainer.name";
    private const string HyperparameterPrefix = "trainer.hyperparameters.";

    /// <summary>The trainer configuration Train would use for these values: every hyperparameter, defaults filled in.</summary>
    /// <param name="seed">The MLContext seed (trainer.seed of the config).</param>
    public TrainerConfig ToTrainerConfig(int seed)
    {
        var values = TrainerCatalog.Hyperparameters(Trainer).ToDictionary(spec => spec.Name, spec => spec.Default, StringComparer.Ordinal);
        foreach (var (name, value) in Values)
        {
            values[name] = value;
        }

        return new TrainerConfig(Trainer, seed, values);
    }

    /// <summary>The values as tracked-run parameters, keyed as in the config ("trainer.name", "trainer.hyperparameters.x").</summary>
    public IReadOnlyDictionary<string, string> ToRunParameters()
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal) { [TrainerKey] = Trainer };
        foreach (var (name, value) in Values)
        {
            parameters[HyperparameterPrefix + name] = value.ToString("R", CultureInfo.InvariantCulture);
        }

        return parameters;
    }

    /// <summary>Reads back what <see cref="ToRunParameters"/> wrote; other keys are ignored.</summary>
    /// <param name="parameters">Run parameters.</param>
    public static TrialParameters FromRunParameters(IReadOnlyDictionary<string, string> parameters)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            if (key.StartsWith(HyperparameterPrefix, StringComparison.Ordinal))
            {
                values[key[HyperparameterPrefix.Length..]] = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return new TrialParameters(parameters[TrainerKey], values);
    }

    /// <summary>A short "Trainer(a=1, b=0.05)" description for logs and the leaderboard.</summary>
    public override string ToString() =>
        $"{Trainer}({string.Join(", ", Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value.ToString("G4", CultureInfo.InvariantCulture)}"))})";
}
