using Kiln.Registry;
using Kiln.Registry.Artifacts;

namespace Kiln.Pipeline.Data;

/// <summary>The configured raw dataset: a CSV under data/01-raw, or an <c>s3://bucket/key.csv</c> object pinned by the pointer file <c>config/&lt;file&gt;.pointer.json</c> and fetched, verified, into the local cache (the DVC way).</summary>
/// <param name="context">The pipeline whose <c>dataset.path</c> this is.</param>
public sealed class RawDataSource(PipelineContext context)
{
    private string DatasetPath => context.Config.Dataset.Path;

    /// <summary>Whether <c>dataset.path</c> names an S3 object rather than a local file.</summary>
    public bool IsRemote => S3Location.IsS3(DatasetPath);

    /// <summary>The S3 object; only for remote data.</summary>
    public S3Location Remote
    {
        get
        {
            try
            {
                return S3Location.Parse(DatasetPath, $"dataset.path in {context.Config.Source}", requireKey: true);
            }
            catch (RegistryException e)
            {
                throw new DataValidationException(e.Message, e);
            }
        }
    }

    /// <summary>The pointer file pinning remote data: <c>config/&lt;file&gt;.pointer.json</c>, beside the configuration.</summary>
    public string PointerFile => Path.Combine(context.ConfigDirectory, DatasetPointer.FileNameFor(Remote.FileName));

    /// <summary>The dataset as messages and lineage name it: the repository-relative path, or the <c>s3://</c> URI.</summary>
    public string Name => IsRemote ? Remote.ToString() : context.Relative(LocalFile);

    /// <summary>The file whose hash decides whether Features is up to date: the CSV itself, or the pointer that pins remote data.</summary>
    public string Dependency => IsRemote ? PointerFile : LocalFile;

    /// <summary>Where the data is read from: the CSV, or the cached copy of the pinned remote bytes (present after <see cref="Fetch"/>).</summary>
    public string LocalPath => IsRemote ? Cache.PathOf(ReadPointer().Sha256) : LocalFile;

    private string LocalFile => Path.Combine(context.RawDirectory, DatasetPath);

    private ContentDirectory Cache => new(context.StoreOptions.EffectiveCacheDirectory);

    /// <summary>Returns a local file with the dataset's bytes: the CSV as it is, or the remote object fetched into the cache (once per machine) and checked against the sha256 its pointer pins.</summary>
    public string Fetch(CancellationToken cancellationToken = default)
    {
        if (!IsRemote)
        {
            return LocalFile;
        }

        var pointer = ReadPointer();
        var cache = Cache;
        if (cache.ActualSha256(pointer.Sha256) == pointer.Sha256)
        {
            return cache.PathOf(pointer.Sha256);
        }

        var remote = Remote;
        try
        {
            using var bucket = new S3Bucket(remote.Bucket, context.StoreOptions.EffectiveS3);
            var fetched = Task.Run(() => bucket.DownloadAsync(remote.Key, pointer.Sha256, cache, cancellationToken), cancellationToken).GetAwaiter().GetResult();
            context.Reporter.Info($"{remote}: fetched {fetched.SizeBytes:N0} bytes into {cache.Root}, sha256 {fetched.Sha256} as pinned");
            return fetched.Path;
        }
        catch (ArtifactIntegrityException e)
        {
            throw new DataValidationException(e.ActualSha256 is null
                ? $"{remote}: the object is missing, but {PointerName} pins sha256 {pointer.Sha256} there; run PushData to upload the data again."
                : $"{remote}: the object hashes to {e.ActualSha256}, not the sha256 {pointer.Sha256} that {PointerName} pins; it was pushed again after this pointer was written. Check out the pointer that matches the data, or run PushData to pin the data you mean.", e);
        }
    }

    /// <summary>Uploads a local CSV to the <c>s3://</c> dataset.path and writes (or updates) the pointer that pins its sha256; the pointer is written only once the upload is complete and verified.</summary>
    /// <param name="localCsv">The CSV to upload; null uses data/01-raw/&lt;file name of the key&gt;.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    /// <returns>The pointer as written.</returns>
    public async Task<DatasetPointer> PushAsync(string? localCsv, CancellationToken cancellationToken = default)
    {
        if (!IsRemote)
        {
            throw new PipelineException(
                $"PushData uploads to an s3:// dataset: dataset.path in {context.Config.Source} is '{DatasetPath}', a file under data/01-raw. Set it to s3://bucket/path/{Path.GetFileName(DatasetPath)} first.");
        }

        var remote = Remote;
        var input = localCsv is null ? Path.Combine(context.RawDirectory, remote.FileName) : Path.GetFullPath(localCsv, context.Root);
        if (!File.Exists(input))
        {
            throw new PipelineException($"{context.Relative(input)}: the CSV to push does not exist (--input names it; the default is data/01-raw/{remote.FileName}).");
        }

        var cache = Cache;
        StagedContent staged;
        using (var source = File.OpenRead(input))
        {
            staged = cache.Stage(source, computeMd5: true, cancellationToken);
        }

        using (staged)
        {
            using var bucket = new S3Bucket(remote.Bucket, context.StoreOptions.EffectiveS3);
            await bucket.UploadAsync(remote.Key, staged, cancellationToken).ConfigureAwait(false);
            cache.Publish(staged);
        }

        var existing = File.Exists(PointerFile) ? DatasetPointer.Load(PointerFile, PointerName) : null;
        if (existing is not null && existing.Uri == remote.ToString() && existing.Sha256 == staged.Sha256)
        {
            context.Reporter.Info($"{remote}: already holds {context.Relative(input)} (sha256 {staged.Sha256}); {PointerName} unchanged");
            return existing;
        }

        var pointer = new DatasetPointer(remote.ToString(), staged.Sha256, staged.SizeBytes, DateTimeOffset.UtcNow);
        pointer.Save(PointerFile);
        context.Reporter.Info($"{remote}: pushed {context.Relative(input)} ({staged.SizeBytes:N0} bytes, sha256 {staged.Sha256}); pinned in {PointerName}, commit it");
        return pointer;
    }

    /// <summary>The message for a dependency of Features that does not exist: the raw CSV, or the pointer of remote data.</summary>
    public string MissingMessage(string dependency) => IsRemote
        ? $"{dependency}: the pointer that pins dataset.path '{DatasetPath}' ({context.Config.Source}) is missing; run PushData (--input <csv>) to upload the data and write it, then commit it"
        : $"{dependency}: raw dataset not found (dataset.path in {context.Config.Source})";

    private string PointerName => context.Relative(PointerFile);

    private DatasetPointer ReadPointer()
    {
        if (!File.Exists(PointerFile))
        {
            throw new DataValidationException(MissingMessage(PointerName));
        }

        var pointer = DatasetPointer.Load(PointerFile, PointerName);
        return pointer.Uri == Remote.ToString()
            ? pointer
            : throw new DataValidationException(
                $"{PointerName} pins {pointer.Uri}, but dataset.path in {context.Config.Source} is {Remote}; run PushData to upload the data to the new location and rewrite the pointer.");
    }
}
