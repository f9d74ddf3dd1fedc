namespace Kiln.Serving.Drift;

/// <summary>One bin's share of the training reference and of the recent window.</summary>
/// <param name="Bin">The bin, e.g. "≤ 12", "monthly", "other" or "missing".</param>
/// <param name="Expected">The reference share.</param>
/// <param name="Actual">The window's share.</param>
public sealed record DriftBinResponse(string Bin, double Expected, double Actual);
