namespace Kiln.Registry.Artifacts;

/// <summary>The shared artifact store (<c>s3://bucket/prefix</c>): content at <c>&lt;prefix&gt;/&lt;sha256&gt;</c>, uploaded and verified before <see cref="Put(Stream)"/> returns (so the caller records only complete content), and read through a local cache keyed by sha256 so each machine fetches it once.</summary>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    private readonly S3Bucket _bucket;
    private readonly ContentDirectory _cache;

    /// <summary>Opens the store at <paramref name="location"/>; nothing is sent until the first operation.</summary>
    /// <param name="location">The bucket and key prefix.</param>
    /// <param name="cacheDirectory">The local read-through cache (shared by every store on the machine: content is named by its hash).</param>
    /// <param name="settings">Endpoint, credentials, part sizes and retries.</param>
    public S3ArtifactStore(S3Location location, string cacheDirectory, S3Settings settings)
    {
        ArgumentNullException.ThrowIfNull(location);
        Prefix = location;
        _bucket = new S3Bucket(location.Bucket, settings);
        _cache = new ContentDirectory(cacheDirectory);
    }

    /// <summary>The bucket and key prefix.</summary>
    public S3Location Prefix { get; }

    /// <summary>The local cache directory.</summary>
    public string CacheDirectory => _cache.Root;

    /// <inheritdoc />
    public string Location => $"{Prefix} at {_bucket.Endpoint}";

    /// <summary>The object key content with <paramref name="sha256"/> is stored at.</summary>
    public string KeyOf(string sha256) => Prefix.Child(sha256);

    /// <inheritdoc />
    public StoredContent Put(Stream source) => Write(source);

    /// <inheritdoc />
    public bool Exists(string sha256) =>
        Run(async () => await _bucket.HeadAsync(KeyOf(sha256), CancellationToken.None).ConfigureAwait(false) is not null);

    /// <inheritdoc />
    public string LocalPath(string sha256) => _cache.PathOf(sha256);

    /// <inheritdoc />
    public string Fetch(string sha256)
    {
        var cached = _cache.ActualSha256(sha256);
        if (cached == sha256)
        {
            return _cache.PathOf(sha256);
        }

        if (cached is not null)
        {
            // A damaged cached copy is only a copy: drop it and fetch the original again.
            File.Delete(_cache.PathOf(sha256));
        }

        return Run(() => _bucket.DownloadAsync(KeyOf(sha256), sha256, _cache, CancellationToken.None)).Path;
    }

    /// <inheritdoc />
    /// <remarks>A prefix shared by several registries must be collected with the references of all of them (one shared registry per prefix), or it deletes what the others still use.</remarks>
    public IReadOnlyList<string> CollectGarbage(IReadOnlySet<string> referenced, TimeSpan minimumAge)
    {
        ArgumentNullException.ThrowIfNull(referenced);
        var cutoff = DateTimeOffset.UtcNow - minimumAge;
        var removed = Run(async () =>
        {
            var deleted = new List<string>();
            var directory = Prefix.Key.Length == 0 ? "" : Prefix.Key + "/";
            foreach (var (key, lastModified) in await _bucket.ListAsync(directory, CancellationToken.None).ConfigureAwait(false))
            {
                // Only content this store wrote (a sha256 directly under the prefix) is ever deleted; other objects may share the prefix.
                var name = key[directory.Length..];
                if (IsSha256(name) && !referenced.Contains(name) && lastModified < cutoff)
                {
                    await _bucket.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
                    deleted.Add(_bucket.UriOf(key));
                }
            }

            return deleted;
        });
        _cache.RemoveStaleTempFiles(minimumAge);
        return removed;
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _bucket.Dispose();

    private StoredContent Write(Stream source)
    {
        // Staging in the cache hashes the source in one read, gives the upload bytes that cannot change under it,
        // and leaves this machine a verified copy, so a registration never downloads what it just uploaded.
        using var staged = StageInCache(source);
        Run(() => _bucket.UploadAsync(KeyOf(staged.Sha256), staged, CancellationToken.None));
        return _cache.Publish(staged);
    }

    private StagedContent StageInCache(Stream source)
    {
        try
        {
            return _cache.Stage(source, computeMd5: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"Cannot write to the artifact cache '{_cache.Root}': {e.Message}", e);
        }
    }

    private static bool IsSha256(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);

    // The registry's API is synchronous; Task.Run keeps a caller's synchronization context (if any) out of the SDK's awaits.
    private static T Run<T>(Func<Task<T>> operation) => Task.Run(operation).GetAwaiter().GetResult();

    private static void Run(Func<Task> operation) => Task.Run(operation).GetAwaiter().GetResult();
}
