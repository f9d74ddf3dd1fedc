namespace Kiln.Serving.Contracts;

/// <summary>One requested output in an OIP inference request.</summary>
/// <param name="Name">PredictedLabel, Probability or Score.</param>
public sealed record RequestedOutputSchema(string Name);
