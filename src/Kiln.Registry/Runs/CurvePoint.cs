namespace Kiln.Registry.Runs;

/// <summary>One point of a curve: false positive rate and true positive rate for ROC, recall and precision for precision–recall.</summary>
/// <param name="X">The horizontal value, 0–1.</param>
/// <param name="Y">The vertical value, 0–1.</param>
public sealed record CurvePoint(double X, double Y);
