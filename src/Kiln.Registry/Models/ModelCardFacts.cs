using Kiln.Registry.Runs;

namespace Kiln.Registry.Models;

/// <summary>What the caller knows about a model beyond its files, used to write the model card.</summary>
/// <param name="IntendedUse">Who should use the model for what.</param>
/// <param name="TrainingData">The raw data it was trained on; when null the source run's datasets are used.</param>
/// <param name="Gates">The quality gate outcome, if evaluated.</param>
/// <param name="Limitations">Known limitations, one per entry.</param>
public sealed record ModelCardFacts(
    string IntendedUse,
    DatasetLineage? TrainingData = null,
    QualityGateResult? Gates = null,
    IReadOnlyList<string>? Limitations = null);
