namespace Kiln.Targets;

/// <summary>A build target, declared NUKE style as a property of this type on a build class.</summary>
/// <param name="definition">The definition to configure and return.</param>
public delegate ITargetDefinition Target(ITargetDefinition definition);
