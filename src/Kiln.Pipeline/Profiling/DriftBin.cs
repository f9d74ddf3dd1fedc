namespace Kiln.Pipeline.Profiling;

/// <summary>Rows of one bin in the training and the test split.</summary>
/// <param name="Bin">The bin label.</param>
/// <param name="Train">Training rows in the bin.</param>
/// <param name="Test">Test rows in the bin.</param>
public sealed record DriftBin(string Bin, long Train, long Test);
