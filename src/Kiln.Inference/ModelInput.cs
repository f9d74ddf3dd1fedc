namespace Kiln.Inference;

/// <summary>One ONNX input of the model, named exactly as the training CSV column.</summary>
/// <param name="Name">The input (and CSV column) name.</param>
/// <param name="Kind">Whether the input takes numbers or strings.</param>
public sealed record ModelInput(string Name, FeatureKind Kind);
