namespace Kiln.Serving.Contracts;

/// <summary>OIP model metadata (GET /v2/models/{name}).</summary>
/// <param name="Name">The model name.</param>
/// <param name="Versions">The versions served (one).</param>
/// <param name="Platform">Always "onnxruntime_onnx".</param>
/// <param name="Inputs">The model inputs in model order.</param>
/// <param name="Outputs">The outputs an infer request may ask for.</param>
public sealed record ModelMetadataResponse(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs);
