namespace Kiln.Serving.Drift;

/// <summary>One feature's drift.</summary>
/// <param name="Name">The feature.</param>
/// <param name="Kind">numeric or categorical.</param>
/// <param name="Psi">The population stability index of the window against the reference, or null until the window holds enough rows.</param>
/// <param name="Drifted">Whether the PSI is at or above the threshold, or null with no PSI.</param>
/// <param name="Status">stable, moderate, drifted, or what it is waiting for.</param>
/// <param name="Bins">Each bin's share of the reference and of the window.</param>
public sealed record FeatureDriftResponse(string Name, string Kind, double? Psi, bool? Drifted, string Status, IReadOnlyList<DriftBinResponse> Bins);
