namespace Kiln.Serving.Contracts;

/// <summary>OIP inference response.</summary>
/// <param name="ModelName">The model name.</param>
/// <param name="ModelVersion">The model version.</param>
/// <param name="Id">The request's id, echoed.</param>
/// <param name="Outputs">The requested outputs (all by default).</param>
public sealed record InferResponse(string ModelName, string ModelVersion, string? Id, IReadOnlyList<OutputTensor> Outputs);
