namespace Kiln.Dashboard.Artifacts;

/// <summary>A stored artifact whose bytes were checked against its sha256.</summary>
/// <param name="Path">The file inside the content store.</param>
/// <param name="Sha256">Its verified hash.</param>
/// <param name="SizeBytes">Its length.</param>
public sealed record VerifiedFile(string Path, string Sha256, long SizeBytes);
