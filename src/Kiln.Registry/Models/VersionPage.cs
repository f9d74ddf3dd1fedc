namespace Kiln.Registry.Models;

/// <summary>One page of a model's versions.</summary>
/// <param name="Versions">The versions on this page, newest first.</param>
/// <param name="Total">How many versions the model has.</param>
public sealed record VersionPage(IReadOnlyList<ModelVersion> Versions, int Total);
