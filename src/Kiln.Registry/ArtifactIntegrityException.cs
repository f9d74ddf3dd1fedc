namespace Kiln.Registry;

/// <summary>A stored artifact is missing or its content no longer matches the sha256 recorded at registration.</summary>
public sealed class ArtifactIntegrityException(string path, string expectedSha256, string? actualSha256)
    : RegistryException(actualSha256 is null
        ? $"Artifact '{path}' is missing (expected sha256 {expectedSha256}); the registry store was modified or deleted."
        : $"Artifact '{path}' is corrupted: expected sha256 {expectedSha256} but the file hashes to {actualSha256}.")
{
    /// <summary>The file that was checked.</summary>
    public string Path { get; } = path;

    /// <summary>The sha256 recorded when the artifact was registered.</summary>
    public string ExpectedSha256 { get; } = expectedSha256;

    /// <summary>The sha256 of the file as found, or null when the file is missing.</summary>
    public string? ActualSha256 { get; } = actualSha256;
}
