using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>The ranges searched for one trainer.</summary>
/// <param name="Trainer">A name from <see cref="TrainerCatalog.Names"/>.</param>
/// <param name="Ranges">One range per searched hyperparameter; the others keep their defaults.</param>
public sealed record TrainerSpace(string Trainer, IReadOnlyList<HyperparameterRange> Ranges);
