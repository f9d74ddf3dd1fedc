namespace Kiln.Inference;

/// <summary>The model's answer for one row.</summary>
/// <param name="Label">The predicted label (true = positive class).</param>
/// <param name="Probability">The calibrated probability of the positive class.</param>
/// <param name="Score">The raw score before calibration.</param>
public readonly record struct Prediction(bool Label, float Probability, float Score);
