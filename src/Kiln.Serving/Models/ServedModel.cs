using Kiln.Inference;
using Kiln.Serving.Contracts;
using Kiln.Serving.Parsing;

namespace Kiln.Serving.Models;

/// <summary>The loaded, warmed model, the identity the API reports for it and its request readers.</summary>
/// <param name="Model">The ONNX Runtime session wrapper.</param>
/// <param name="Name">The model name in routes and responses.</param>
/// <param name="Version">The model version in routes and responses.</param>
public sealed record ServedModel(OnnxModel Model, string Name, string Version)
{
    /// <summary>Reads /predict bodies for this model.</summary>
    public PredictRequestReader PredictReader { get; } = new(Model);

    /// <summary>The name, JSON-encoded once for every /predict result.</summary>
    public System.Text.Json.JsonEncodedText EncodedName { get; } = System.Text.Json.JsonEncodedText.Encode(Name);

    /// <summary>The version, JSON-encoded once for every /predict result.</summary>
    public System.Text.Json.JsonEncodedText EncodedVersion { get; } = System.Text.Json.JsonEncodedText.Encode(Version);

    /// <summary>Reads OIP inference bodies for this model.</summary>
    public InferRequestReader InferReader { get; } = new(Model);

    /// <summary>The OIP metadata document, built once.</summary>
    public ModelMetadataResponse Metadata { get; } = new(
        Name,
        [Version],
        "onnxruntime_onnx",
        [.. Model.Inputs.Select(i => new TensorMetadata(i.Name, i.Kind == FeatureKind.Numeric ? "FP32" : "BYTES", [-1, 1]))],
        [
            new TensorMetadata(InferRequestReader.OutputNames[0], "BOOL", [-1, 1]),
            new TensorMetadata(InferRequestReader.OutputNames[1], "FP32", [-1, 1]),
            new TensorMetadata(InferRequestReader.OutputNames[2], "FP32", [-1, 1]),
        ]);

    /// <summary>Whether a route's model name and optional version address this model.</summary>
    /// <param name="name">The route's model name.</param>
    /// <param name="version">The route's version, or null for "the current one".</param>
    public bool Matches(string name, string? version) =>
        string.Equals(name, Name, StringComparison.Ordinal) && (version is null || string.Equals(version, Version, StringComparison.Ordinal));
}
