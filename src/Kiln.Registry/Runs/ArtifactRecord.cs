namespace Kiln.Registry.Runs;

/// <summary>A file a run produced, pinned by hash.</summary>
/// <param name="Path">The file as the run wrote it.</param>
/// <param name="Sha256">Lower-case hex sha256 of the file's bytes.</param>
/// <param name="SizeBytes">The file's length.</param>
public sealed record ArtifactRecord(string Path, string Sha256, long SizeBytes);
