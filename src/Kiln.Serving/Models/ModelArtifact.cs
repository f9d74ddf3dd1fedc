namespace Kiln.Serving.Models;

/// <summary>A resolved model file with the identity the service reports for it.</summary>
/// <param name="Path">The local .onnx file.</param>
/// <param name="Name">The model name used in the OIP routes (e.g. "churn").</param>
/// <param name="Version">The model version reported and routed (e.g. "1" or a registry version).</param>
/// <param name="ExpectedSha256">When set, the file must hash to this value or loading fails.</param>
public sealed record ModelArtifact(string Path, string Name, string Version, string? ExpectedSha256);
