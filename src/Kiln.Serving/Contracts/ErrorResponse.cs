namespace Kiln.Serving.Contracts;

/// <summary>The Open Inference Protocol error body, also used by /predict.</summary>
/// <param name="Error">What was wrong, naming the field and the row.</param>
public sealed record ErrorResponse(string Error);
