using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Compare;

/// <summary>A run's recorded curves, or why it has none to show.</summary>
/// <param name="Curves">The curves, or null.</param>
/// <param name="Missing">Why there are no curves, when <paramref name="Curves"/> is null.</param>
public sealed record CurveLookup(RunCurves? Curves, string? Missing);
