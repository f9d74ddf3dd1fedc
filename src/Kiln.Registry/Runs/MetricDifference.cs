namespace Kiln.Registry.Runs;

/// <summary>One metric compared across two runs.</summary>
/// <param name="Key">Metric name.</param>
/// <param name="Old">Value in the base run, or null when added.</param>
/// <param name="New">Value in the other run, or null when removed.</param>
/// <param name="Delta">New minus old when both exist.</param>
/// <param name="Change">How it differs.</param>
public sealed record MetricDifference(string Key, double? Old, double? New, double? Delta, ChangeKind Change);
