namespace Kiln.Registry.Models;

/// <summary>The version a registration ended with, and whether it created it.</summary>
/// <param name="Version">The new version, or the existing one whose model file has the same bytes.</param>
/// <param name="Created">False when the model's bytes were already a version, so nothing was registered and no alias moved.</param>
public sealed record RegisteredVersion(ModelVersion Version, bool Created);
