namespace Kiln.Pipeline.Tuning;

/// <summary>Every metric of one scored fold.</summary>
/// <param name="Fold">The fold number.</param>
/// <param name="Metrics">The metrics of <see cref="Evaluation.BinaryMetrics.Compute"/> on the fold's held-out rows.</param>
public sealed record FoldResult(int Fold, IReadOnlyDictionary<string, double> Metrics);
