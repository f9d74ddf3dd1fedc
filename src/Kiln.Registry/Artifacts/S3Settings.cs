using Amazon.Runtime;

namespace Kiln.Registry.Artifacts;

/// <summary>How Kiln reaches an S3-compatible server. Credentials and region come from the AWS SDK's standard chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_REGION, ...), never from Kiln's configuration.</summary>
/// <param name="EndpointUrl">An S3-compatible endpoint (MinIO, R2, s3rver), addressed path-style; null for AWS S3 itself.</param>
/// <param name="Credentials">Explicit credentials; null uses the SDK's default chain.</param>
/// <param name="Region">The signing region; null uses AWS_REGION (or the profile), and us-east-1 for a custom endpoint.</param>
/// <param name="MultipartThreshold">Content at least this large is uploaded in parts (default 16 MiB).</param>
/// <param name="PartSize">The size of each part but the last (default 8 MiB; S3 requires at least 5 MiB).</param>
/// <param name="MaxAttempts">How often a request that found no server (or a 5xx answer) is tried before giving up (default 4).</param>
/// <param name="FirstRetryDelay">The wait before the second attempt, doubled for each further one (default 250 ms).</param>
/// <param name="ConnectTimeout">How long to wait for a TCP connection (default 5 s).</param>
/// <param name="Progress">Receives upload progress, e.g. for a progress bar.</param>
public sealed record S3Settings(
    string? EndpointUrl = null,
    AWSCredentials? Credentials = null,
    string? Region = null,
    long MultipartThreshold = S3Settings.DefaultMultipartThreshold,
    long PartSize = S3Settings.DefaultPartSize,
    int MaxAttempts = 4,
    TimeSpan? FirstRetryDelay = null,
    TimeSpan? ConnectTimeout = null,
    IProgress<TransferProgress>? Progress = null)
{
    /// <summary>16 MiB.</summary>
    public const long DefaultMultipartThreshold = 16L << 20;

    /// <summary>8 MiB.</summary>
    public const long DefaultPartSize = 8L << 20;

    /// <summary>S3's smallest part but the last: 5 MiB.</summary>
    public const long MinimumPartSize = 5L << 20;

    /// <summary>The SDK's standard endpoint override: <c>AWS_ENDPOINT_URL_S3</c>, then <c>AWS_ENDPOINT_URL</c>; everything else from the SDK's chain.</summary>
    public static S3Settings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>Like <see cref="FromEnvironment"/>, reading variables through <paramref name="variable"/>.</summary>
    internal static S3Settings FromVariables(Func<string, string?> variable) =>
        new(EndpointUrl: NonEmpty(variable("AWS_ENDPOINT_URL_S3")) ?? NonEmpty(variable("AWS_ENDPOINT_URL")));

    /// <summary>The region requests are signed for, when one is known without asking the SDK's chain.</summary>
    public string? EffectiveRegion =>
        Region ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION")) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
        ?? (EndpointUrl is null ? null : "us-east-1");

    /// <summary>Throws a <see cref="RegistryException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (EndpointUrl is not null && (!Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new RegistryException($"The S3 endpoint '{EndpointUrl}' (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL) is not an http:// or https:// URL.");
        }

        if (PartSize < MinimumPartSize)
        {
            throw new RegistryException($"The S3 part size {PartSize} bytes is below S3's minimum of {MinimumPartSize} bytes (5 MiB).");
        }

        if (MultipartThreshold < 1 || MaxAttempts is < 1 or > 20)
        {
            throw new RegistryException($"S3 settings out of range: the multipart threshold must be positive (got {MultipartThreshold}) and attempts 1 to 20 (got {MaxAttempts}).");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
