using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Kiln.Registry.Artifacts;

/// <summary>Verified transfers to and from one S3 bucket: uploads that are complete and checked before they return, downloads hashed into a local <see cref="ContentDirectory"/>, bounded retries, and errors that name the bucket, the key and the endpoint.</summary>
public sealed class S3Bucket : IDisposable
{
    /// <summary>The object metadata entry (<c>x-amz-meta-sha256</c>) holding the content's sha256.</summary>
    public const string Sha256Metadata = "sha256";

    private readonly AmazonS3Client _client;
    private readonly S3Settings _settings;
    private readonly Uri _endpoint;
    private volatile bool _accessible;

    /// <summary>Creates a client for <paramref name="bucket"/>; nothing is sent until the first operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="settings">Endpoint, credentials, part sizes and retries.</param>
    public S3Bucket(string bucket, S3Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Name = bucket;
        _settings = settings;
        var region = settings.EffectiveRegion;
        var config = new AmazonS3Config
        {
            // Kiln's own retry below is bounded, backs off, and names the host and port when it gives up.
            MaxErrorRetry = 0,
            ConnectTimeout = settings.ConnectTimeout ?? TimeSpan.FromSeconds(5),
            // S3-compatible servers (s3rver, older MinIO) store aws-chunked checksum trailers as content; Content-MD5 is the portable check.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // The endpoint comes from S3Settings only, so the one printed in messages is the one used.
            IgnoreConfiguredEndpointUrls = true,
        };
        if (settings.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region;
            _endpoint = new Uri(endpoint);
        }
        else
        {
            if (region is not null)
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            _endpoint = new Uri($"https://s3.{region ?? "us-east-1"}.amazonaws.com");
        }

        try
        {
            _client = settings.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
        }
        catch (AmazonClientException e) when (region is null)
        {
            // The SDK looked in the environment and the AWS profile and found no region; its own message names neither.
            throw new RegistryException(
                $"{S3Location.Scheme}{bucket}: no AWS region is configured; set AWS_REGION (or AWS_DEFAULT_REGION, or region in the AWS profile), "
                + "or AWS_ENDPOINT_URL_S3 for an S3-compatible server such as MinIO.",
                e);
        }
    }

    /// <summary>The bucket name.</summary>
    public string Name { get; }

    /// <summary>The endpoint, for messages (e.g. <c>http://127.0.0.1:4568</c>).</summary>
    public string Endpoint => _endpoint.GetLeftPart(UriPartial.Authority);

    private string HostAndPort => $"{_endpoint.Host}:{_endpoint.Port}";

    /// <summary>The URI of <paramref name="key"/> in this bucket.</summary>
    public string UriOf(string key) => $"{S3Location.Scheme}{Name}/{key}";

    /// <summary>Checks once that the bucket exists and the credentials are accepted, so every later error is about the object.</summary>
    public async Task EnsureAccessibleAsync(CancellationToken cancellationToken)
    {
        if (_accessible)
        {
            return;
        }

        await SendAsync("list", $"{S3Location.Scheme}{Name}", t => _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name, MaxKeys = 1 }, t), cancellationToken)
            .ConfigureAwait(false);
        _accessible = true;
    }

    /// <summary>The size and recorded sha256 of <paramref name="key"/>, or null when there is no such object.</summary>
    public async Task<(long Size, string? Sha256)?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureAccessibleAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var head = await SendAsync("inspect", UriOf(key), t => _client.GetObjectMetadataAsync(Name, key, t), cancellationToken).ConfigureAwait(false);
            return (head.ContentLength, head.Metadata[Sha256Metadata]);
        }
        catch (RegistryException e) when (IsMissingObject(e))
        {
            return null;
        }
    }

    /// <summary>Uploads staged content to <paramref name="key"/> (in parts from <see cref="S3Settings.MultipartThreshold"/> on) and returns once a HEAD shows it complete with its sha256; identical content already there is not sent again.</summary>
    public async Task UploadAsync(string key, StagedContent staged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staged);
        var uri = UriOf(key);
        if (await HeadAsync(key, cancellationToken).ConfigureAwait(false) is { } existing && existing.Size == staged.SizeBytes && existing.Sha256 == staged.Sha256)
        {
            return;
        }

        try
        {
            if (staged.SizeBytes >= _settings.MultipartThreshold)
            {
                await UploadInPartsAsync(key, staged, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SendAsync("upload", uri, t => _client.PutObjectAsync(NewPut(key, staged), t), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RegistryException e)
        {
            throw new RegistryException(
                $"The upload of {uri} ({staged.SizeBytes} bytes, sha256 {staged.Sha256}) did not complete, so it is not visible and nothing refers to it; run again once {HostAndPort} answers.", e);
        }

        _settings.Progress?.Report(new TransferProgress(uri, staged.SizeBytes, staged.SizeBytes));
        // Content-MD5 made the server check each request's bytes; this checks the object is complete, ours, and visible.
        var stored = await HeadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is not { } found || found.Size != staged.SizeBytes || found.Sha256 != staged.Sha256)
        {
            throw new RegistryException(
                $"After uploading {uri}, the server reports {(stored is { } s ? $"{s.Size} bytes with sha256 {s.Sha256 ?? "(none)"}" : "no object")} instead of {staged.SizeBytes} bytes with sha256 {staged.Sha256}; it was not recorded.");
        }
    }

    /// <summary>Downloads <paramref name="key"/> into <paramref name="into"/>, hashing on the way; the copy is published only when it hashes to <paramref name="expectedSha256"/>.</summary>
    /// <returns>The verified local copy.</returns>
    public async Task<StoredContent> DownloadAsync(string key, string expectedSha256, ContentDirectory into, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(into);
        await EnsureAccessibleAsync(cancellationToken).ConfigureAwait(false);
        var uri = UriOf(key);
        StagedContent staged;
        try
        {
            staged = await SendAsync("download", uri, async t =>
            {
                using var response = await _client.GetObjectAsync(Name, key, t).ConfigureAwait(false);
                try
                {
                    return into.Stage(response.ResponseStream, computeMd5: false, t);
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException && e is not HttpIOException && e.InnerException is not SocketException)
                {
                    throw new RegistryException($"Cannot write {uri} into the cache '{into.Root}': {e.Message}", e);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException e) when (IsMissingObject(e))
        {
            throw new ArtifactIntegrityException(uri, expectedSha256, null);
        }

        using (staged)
        {
            return staged.Sha256 == expectedSha256
                ? into.Publish(staged)
                : throw new ArtifactIntegrityException(uri, expectedSha256, staged.Sha256);
        }
    }

    /// <summary>Every object under <paramref name="prefix"/> with its last-modified time.</summary>
    public async Task<IReadOnlyList<(string Key, DateTimeOffset LastModified)>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        await EnsureAccessibleAsync(cancellationToken).ConfigureAwait(false);
        var objects = new List<(string, DateTimeOffset)>();
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = Name, Prefix = prefix, ContinuationToken = continuation };
            var page = await SendAsync("list", UriOf(prefix), t => _client.ListObjectsV2Async(request, t), cancellationToken).ConfigureAwait(false);
            objects.AddRange((page.S3Objects ?? []).Select(o => (o.Key, new DateTimeOffset(o.LastModified ?? DateTime.MinValue, TimeSpan.Zero))));
            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);

        return objects;
    }

    /// <summary>Deletes <paramref name="key"/>.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await SendAsync("delete", UriOf(key), t => _client.DeleteObjectAsync(Name, key, t), cancellationToken).ConfigureAwait(false);

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _client.Dispose();

    private PutObjectRequest NewPut(string key, StagedContent staged)
    {
        var request = new PutObjectRequest
        {
            BucketName = Name,
            Key = key,
            FilePath = staged.TempPath,
            MD5Digest = staged.Md5 is { } md5 ? Convert.ToBase64String(md5) : null,
            UseChunkEncoding = false,
            ContentType = "application/octet-stream",
        };
        request.Metadata[Sha256Metadata] = staged.Sha256;
        return request;
    }

    private async Task UploadInPartsAsync(string key, StagedContent staged, CancellationToken cancellationToken)
    {
        var uri = UriOf(key);
        // S3 allows 10,000 parts: grow the part size for very large content rather than fail at part 10,001.
        var partSize = (int)Math.Min(int.MaxValue, Math.Max(_settings.PartSize, (staged.SizeBytes + 9_999) / 10_000));
        var parts = (int)((staged.SizeBytes + partSize - 1) / partSize);
        var start = new InitiateMultipartUploadRequest { BucketName = Name, Key = key, ContentType = "application/octet-stream" };
        start.Metadata[Sha256Metadata] = staged.Sha256;
        var upload = await SendAsync("start a multipart upload of", uri, t => _client.InitiateMultipartUploadAsync(start, t), cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var etags = new List<PartETag>(parts);
            using var file = new FileStream(staged.TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            for (var number = 1; number <= parts; number++)
            {
                var length = await file.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
#pragma warning disable CA5351 // MD5 is S3's Content-MD5 transfer check, not a security measure.
                var md5 = Convert.ToBase64String(MD5.HashData(buffer.AsSpan(0, length)));
#pragma warning restore CA5351
                var partNumber = number;
                var part = await SendAsync($"upload part {partNumber} of {parts} of", uri, t => _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = Name,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = partNumber,
                    PartSize = length,
                    InputStream = new MemoryStream(buffer, 0, length, writable: false),
                    MD5Digest = md5,
                    UseChunkEncoding = false,
                }, t), cancellationToken).ConfigureAwait(false);
                etags.Add(new PartETag(partNumber, part.ETag));
                _settings.Progress?.Report(new TransferProgress(uri, file.Position, staged.SizeBytes));
            }

            await SendAsync("complete the multipart upload of", uri, t => _client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = Name, Key = key, UploadId = upload.UploadId, PartETags = etags }, t), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await TryAbortAsync(key, upload.UploadId).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Best effort: an unfinished multipart upload is never visible as an object; the server (or a bucket lifecycle rule) drops it.
    private async Task TryAbortAsync(string key, string uploadId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Name, Key = key, UploadId = uploadId }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or OperationCanceledException)
        {
            // The server is gone or refuses: the upload stays invisible either way.
        }
    }

    private async Task<T> SendAsync<T>(string operation, string target, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var delay = _settings.FirstRetryDelay ?? TimeSpan.FromMilliseconds(250);
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (attempt >= _settings.MaxAttempts)
                {
                    throw new RegistryException(
                        $"The S3 endpoint {HostAndPort} did not answer ({operation} {target}): {attempt} attempts over {clock.Elapsed.TotalSeconds:F1} s failed, the last with: {Innermost(e).Message}. Check that the server runs and that AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) names it.", e);
                }

                // Exponential backoff with jitter, so clients that failed together do not retry together.
                await Task.Delay(delay * (0.5 + Random.Shared.NextDouble()), cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
            catch (AmazonS3Exception e)
            {
                throw Translate(e, operation, target);
            }
            catch (AmazonClientException e)
            {
                throw new RegistryException(e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase)
                    ? $"No AWS credentials to {operation} {target} at {Endpoint}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (Kiln never reads them from its configuration)."
                    : $"The S3 client could not {operation} {target} at {Endpoint}: {e.Message}", e);
            }
        }
    }

    private RegistryException Translate(AmazonS3Exception e, string operation, string target) => e switch
    {
        { ErrorCode: "NoSuchBucket" } => new RegistryException(
            $"Bucket '{Name}' does not exist at the S3 endpoint {Endpoint} (while trying to {operation} {target}): create it, or correct the bucket name.", e),
        { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" or "AccessDenied" } or { StatusCode: HttpStatusCode.Forbidden } => new RegistryException(
            $"The S3 endpoint {Endpoint} refused the credentials to {operation} {target} ({e.ErrorCode ?? "403 Forbidden"}): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE).", e),
        _ => new RegistryException($"The S3 endpoint {Endpoint} could not {operation} {target}: {e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)} {e.Message}", e),
    };

    // No answer at all (refused, reset, timed out) or a server-side 5xx/throttle: worth another attempt; a 4xx answer is not.
    private static bool IsTransient(Exception e, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (e is AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } or AmazonS3Exception { ErrorCode: "SlowDown" or "RequestTimeout" })
        {
            return true;
        }

        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            // HttpIOException, not any IOException: a full disk under the cache is not the endpoint's fault and must not be retried as one.
            if (inner is HttpRequestException or HttpIOException or SocketException or TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMissingObject(RegistryException e) =>
        e.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound, ErrorCode: not "NoSuchBucket" };

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
