namespace Kiln.Targets;

/// <summary>Marks a parameter whose value is never printed: masked in every line the engine writes.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
