using Kiln.Inference;

namespace Kiln.Pipeline.Schema;

/// <summary>One model input column: its CSV name and whether it is numeric or categorical.</summary>
/// <param name="Name">The column name, also the ONNX input name.</param>
/// <param name="Kind">How the column is fed to the model.</param>
public sealed record FeatureColumn(string Name, FeatureKind Kind);
