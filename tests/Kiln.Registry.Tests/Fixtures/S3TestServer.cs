using Amazon.Runtime;
using Kiln.Registry.Artifacts;
using Kiln.Testing;

namespace Kiln.Registry.Tests.Fixtures;

/// <summary>The S3-compatible server .ci/s3.sh starts (KILN_TEST_S3_ENDPOINT, KILN_TEST_S3_BUCKET, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).</summary>
internal sealed record S3TestServer(string Endpoint, string Bucket, string AccessKey, string SecretKey)
{
    /// <summary>The running server, or a skip (a failure in CI) naming what is missing.</summary>
    public static S3TestServer Require()
    {
        var endpoint = Environment.GetEnvironmentVariable("KILN_TEST_S3_ENDPOINT");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            Requirement.SkipOrFail("no S3 server: KILN_TEST_S3_ENDPOINT is not set", "eval \"$(bash .ci/s3.sh)\"");
        }

        if (!Answers(endpoint!))
        {
            Requirement.SkipOrFail($"no S3 server answers at KILN_TEST_S3_ENDPOINT={endpoint}", "eval \"$(bash .ci/s3.sh)\"");
        }

        return new S3TestServer(
            endpoint!,
            Environment.GetEnvironmentVariable("KILN_TEST_S3_BUCKET") ?? "kiln-test",
            Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "S3RVER",
            Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "S3RVER");
    }

    public AWSCredentials Credentials => new BasicAWSCredentials(AccessKey, SecretKey);

    /// <summary>Settings for this server with quick retries, so fault tests give up within a second.</summary>
    public S3Settings Settings(long multipartThreshold = S3Settings.DefaultMultipartThreshold, IProgress<TransferProgress>? progress = null) =>
        ForEndpoint(Endpoint, Credentials, multipartThreshold, progress);

    /// <summary>A fresh key prefix in the test bucket, so tests never see each other's objects.</summary>
    public S3Location NewPrefix() => new(Bucket, $"tests/{Guid.NewGuid():N}");

    public static S3Settings ForEndpoint(string endpoint, AWSCredentials credentials, long multipartThreshold = S3Settings.DefaultMultipartThreshold, IProgress<TransferProgress>? progress = null) =>
        new(endpoint, credentials, "us-east-1", multipartThreshold, S3Settings.MinimumPartSize, MaxAttempts: 3, FirstRetryDelay: TimeSpan.FromMilliseconds(50), ConnectTimeout: TimeSpan.FromSeconds(2), Progress: progress);

    public static bool Answers(string endpoint)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = http.GetAsync(new Uri(new Uri(endpoint), "/")).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return false;
        }
    }
}
