namespace Kiln.Registry.Models;

/// <summary>The inputs a model takes and the outputs it gives.</summary>
/// <param name="Inputs">Input columns in order.</param>
/// <param name="Outputs">Output columns in order.</param>
public sealed record ModelSignature(IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs);
