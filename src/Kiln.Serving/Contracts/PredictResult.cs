namespace Kiln.Serving.Contracts;

/// <summary>The prediction for one record of a /predict request.</summary>
/// <param name="Label">The predicted label (true = the positive class, e.g. churns).</param>
/// <param name="Probability">The probability of the positive class.</param>
/// <param name="Model">The model name.</param>
/// <param name="Version">The model version.</param>
public sealed record PredictResult(bool Label, float Probability, string Model, string Version);
