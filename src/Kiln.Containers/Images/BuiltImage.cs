namespace Kiln.Containers;

/// <summary>An image the engine built.</summary>
/// <param name="Id">The image id (sha256:...).</param>
/// <param name="Reference">The repository:tag it was tagged with.</param>
/// <param name="SizeBytes">The uncompressed size the engine reports.</param>
/// <param name="Labels">The image's labels.</param>
public sealed record BuiltImage(string Id, string Reference, long SizeBytes, IReadOnlyDictionary<string, string> Labels);
