namespace Kiln.Pipeline.Configuration;

/// <summary>The binary label column and the two values it may hold.</summary>
/// <param name="Column">The label column's name.</param>
/// <param name="Positive">The value meaning the positive class (e.g. "yes").</param>
/// <param name="Negative">The value meaning the negative class (e.g. "no").</param>
public sealed record LabelConfig(string Column, string Positive, string Negative);
