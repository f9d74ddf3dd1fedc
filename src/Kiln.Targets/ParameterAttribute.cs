namespace Kiln.Targets;

/// <summary>Marks a field or property of the build class as a parameter set from the command line, environment or parameter files.</summary>
/// <param name="description">The text shown by <c>--help</c> and in the schema.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    /// <summary>The text shown by <c>--help</c> and in the schema.</summary>
    public string? Description { get; } = description;

    /// <summary>An explicit command-line name (without dashes) replacing the kebab-case member name.</summary>
    public string? Name { get; init; }
}
