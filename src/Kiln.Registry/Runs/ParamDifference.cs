namespace Kiln.Registry.Runs;

/// <summary>One parameter compared across two runs.</summary>
/// <param name="Key">Parameter name.</param>
/// <param name="Old">Value in the base run, or null when added.</param>
/// <param name="New">Value in the other run, or null when removed.</param>
/// <param name="Change">How it differs.</param>
public sealed record ParamDifference(string Key, string? Old, string? New, ChangeKind Change);
