namespace Kiln.Serving.Contracts;

/// <summary>The OIP inference request as documented in OpenAPI; the service parses it with a streaming reader instead.</summary>
/// <param name="Id">Optional request id, echoed in the response.</param>
/// <param name="Inputs">One tensor per model input.</param>
/// <param name="Outputs">Optional filter: the outputs to return.</param>
public sealed record InferRequestSchema(string? Id, IReadOnlyList<InputTensorSchema> Inputs, IReadOnlyList<RequestedOutputSchema>? Outputs);
