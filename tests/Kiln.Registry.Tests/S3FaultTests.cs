using Amazon.Runtime;
using Kiln.Hashing;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Storage;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Registry.Tests;

/// <summary>A private s3rver that the test stops in the middle of an upload and starts again.</summary>
public sealed class S3FaultTests
{
    [Fact]
    public void AnUploadCutOffByTheServerStoppingIsNeverVisibleAndSucceedsOnceTheServerIsBack()
    {
        using var server = S3rverProcess.Start();
        using var temp = new TempRegistry();
        using var cache = new TempCache();
        var model = temp.File("model.onnx", size: (int)(3.5 * S3Settings.MinimumPartSize));
        var prefix = new S3Location(S3rverProcess.Bucket, "kiln");
        var credentials = new BasicAWSCredentials("S3RVER", "S3RVER");
        // The server dies as soon as the first of four parts is acknowledged.
        var stopOnFirstPart = new SyncProgress<TransferProgress>(progress =>
        {
            if (progress.BytesDone < progress.TotalBytes)
            {
                server.Stop();
            }
        });
        using var dying = new S3ArtifactStore(prefix, cache.Directory,
            S3TestServer.ForEndpoint(server.Endpoint, credentials, S3Settings.MinimumPartSize, stopOnFirstPart));
        var registry = new ModelRegistry(new SqliteRegistryStore(temp.Options), dying);

        var error = Assert.Throws<RegistryException>(() => registry.Register(TempRegistry.Request(model)));

        Assert.Contains("did not complete, so it is not visible and nothing refers to it", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{server.Port} did not answer (upload part 2 of 4 of", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Empty(registry.ListVersions());
        Assert.Empty(Directory.GetFiles(cache.Directory));

        server.Resume();
        using var healthy = new S3ArtifactStore(prefix, cache.Directory, S3TestServer.ForEndpoint(server.Endpoint, credentials, S3Settings.MinimumPartSize));
        var sha256 = FileHash.Sha256(model);
        Assert.False(healthy.Exists(sha256), "an unfinished multipart upload must not be an object");

        var retried = new ModelRegistry(new SqliteRegistryStore(temp.Options), healthy).Register(TempRegistry.Request(model)).Version;

        Assert.Equal(1, retried.Version);
        using var elsewhere = new TempCache();
        using var reader = new S3ArtifactStore(prefix, elsewhere.Directory, S3TestServer.ForEndpoint(server.Endpoint, credentials));
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(new ModelRegistry(new SqliteRegistryStore(temp.Options), reader).ResolveVerified("models:/churn/1")));
    }

    [Fact]
    public void ADownloadFromAServerThatIsGoneFailsWithoutLeavingAPartialCopyAndWorksOnceItIsBack()
    {
        using var server = S3rverProcess.Start();
        using var uploader = new TempCache();
        using var cache = new TempCache();
        var prefix = new S3Location(S3rverProcess.Bucket, "kiln");
        var credentials = new BasicAWSCredentials("S3RVER", "S3RVER");
        var content = new byte[300_000];
        new Random(8).NextBytes(content);
        using var store = new S3ArtifactStore(prefix, uploader.Directory, S3TestServer.ForEndpoint(server.Endpoint, credentials));
        var stored = store.Put(content);
        using var reader = new S3ArtifactStore(prefix, cache.Directory, S3TestServer.ForEndpoint(server.Endpoint, credentials));
        server.Stop();

        var error = Assert.Throws<RegistryException>(() => reader.Fetch(stored.Sha256));

        Assert.Contains($"127.0.0.1:{server.Port} did not answer", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cache.Directory) && Directory.EnumerateFiles(cache.Directory).Any(), "nothing may be cached from a failed download");
        server.Resume();
        Assert.Equal(content, File.ReadAllBytes(reader.Fetch(stored.Sha256)));
    }
}
