namespace Kiln.Pipeline.Profiling;

/// <summary>One feature's train-versus-test comparison.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Kind">numeric or categorical.</param>
/// <param name="Psi">The population stability index of test against train.</param>
/// <param name="Status">stable, moderate, drifted or unknown (in words, so the table never relies on colour).</param>
/// <param name="Bins">The rows per bin on each side.</param>
public sealed record FeatureDrift(string Feature, string Kind, double Psi, string Status, IReadOnlyList<DriftBin> Bins);
