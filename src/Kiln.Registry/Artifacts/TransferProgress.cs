namespace Kiln.Registry.Artifacts;

/// <summary>How far an upload to S3 has come.</summary>
/// <param name="Target">The object, as <c>s3://bucket/key</c>.</param>
/// <param name="BytesDone">Bytes the server has acknowledged.</param>
/// <param name="TotalBytes">The content length.</param>
public sealed record TransferProgress(string Target, long BytesDone, long TotalBytes);
