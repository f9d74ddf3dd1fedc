namespace Kiln.Pipeline.Configuration;

/// <summary>One hyperparameter a trainer accepts, with its range and default.</summary>
/// <param name="Name">The snake_case name used in YAML.</param>
/// <param name="IsInteger">True when only whole numbers are valid.</param>
/// <param name="Minimum">The smallest valid value.</param>
/// <param name="Maximum">The largest valid value.</param>
/// <param name="Default">The value used when the config does not set it.</param>
public sealed record HyperparameterSpec(string Name, bool IsInteger, double Minimum, double Maximum, double Default);
