namespace Kiln.Registry.Artifacts;

/// <summary>A blob in the content store.</summary>
/// <param name="Sha256">Lower-case hex sha256, which is also its file name.</param>
/// <param name="SizeBytes">Content length.</param>
/// <param name="Path">Absolute path of the stored file.</param>
public sealed record StoredContent(string Sha256, long SizeBytes, string Path);
