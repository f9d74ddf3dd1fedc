namespace Kiln.Dashboard.Artifacts;

/// <summary>A request for an artifact that would be read from outside the content store (a hash that is not a sha256, or a path that escapes the store).</summary>
public sealed class ArtifactRefusedException(string message) : Exception(message);
