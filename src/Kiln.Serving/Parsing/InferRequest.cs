using Kiln.Inference;

namespace Kiln.Serving.Parsing;

/// <summary>A validated OIP inference request.</summary>
/// <param name="Id">The client's request id, echoed in the response.</param>
/// <param name="Batch">The feature values.</param>
/// <param name="Outputs">The outputs to return.</param>
public sealed record InferRequest(string? Id, FeatureBatch Batch, InferOutputs Outputs);
