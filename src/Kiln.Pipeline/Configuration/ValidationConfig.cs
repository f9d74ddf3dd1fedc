namespace Kiln.Pipeline.Configuration;

/// <summary>How strict the Features stage is about malformed rows.</summary>
/// <param name="MaxRejectedFraction">The largest fraction of data rows that may be quarantined before the stage fails.</param>
public sealed record ValidationConfig(double MaxRejectedFraction);
