using Kiln.Registry.Models;

namespace Kiln.Dashboard.Models;

/// <summary>A version as the models pages list it: the version and the images that carry it.</summary>
/// <param name="Version">The version.</param>
/// <param name="Images">Image references carrying it, newest first.</param>
public sealed record VersionRow(ModelVersion Version, IReadOnlyList<ModelImage> Images);
