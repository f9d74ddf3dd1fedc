namespace Kiln.Registry.Artifacts;

/// <summary>Content copied into a temp file of a <see cref="ContentDirectory"/> and hashed on the way, not yet visible under its sha256; disposing it deletes the temp file unless it was published.</summary>
/// <param name="TempPath">The temp file holding the bytes.</param>
/// <param name="Sha256">Lower-case hex sha256 of the bytes.</param>
/// <param name="SizeBytes">Content length.</param>
/// <param name="Md5">The MD5 digest when it was asked for (S3's Content-MD5 header), otherwise null.</param>
public sealed record StagedContent(string TempPath, string Sha256, long SizeBytes, byte[]? Md5) : IDisposable
{
    /// <summary>Deletes the temp file if it is still there (publishing moves it away).</summary>
    public void Dispose() => ContentDirectory.TryDelete(TempPath);
}
