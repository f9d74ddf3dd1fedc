using Amazon.Runtime;
using Kiln.Hashing;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Storage;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Registry.Tests;

/// <summary>The s3:// artifact store against a real S3-protocol server (s3rver from .ci/s3.sh).</summary>
public sealed class S3ArtifactStoreTests
{
    private static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<IReadOnlyList<string>> KeysUnder(S3TestServer server, S3Location prefix)
    {
        using var bucket = new S3Bucket(prefix.Bucket, server.Settings());
        return [.. (await bucket.ListAsync(prefix.Key + "/", TestContext.Current.CancellationToken)).Select(o => o.Key)];
    }

    [Fact]
    public async Task StoresContentUnderItsSha256OnceAndAnotherMachineReadsTheSameBytes()
    {
        var server = S3TestServer.Require();
        var prefix = server.NewPrefix();
        using var here = new TempCache();
        using var elsewhere = new TempCache();
        using var temp = new TempRegistry();
        var model = temp.File("model.onnx", size: 200_000);
        using var store = new S3ArtifactStore(prefix, here.Directory, server.Settings());

        var first = store.Put(model);
        var second = store.Put(model);

        Assert.Equal(FileHash.Sha256(model), first.Sha256);
        Assert.Equal(first, second);
        Assert.Equal([prefix.Child(first.Sha256)], await KeysUnder(server, prefix));
        Assert.True(store.Exists(first.Sha256));
        Assert.False(store.Exists(new string('0', 64)));
        using var fresh = new S3ArtifactStore(prefix, elsewhere.Directory, server.Settings());
        var fetched = fresh.Fetch(first.Sha256);
        Assert.Equal(Path.Combine(elsewhere.Directory, first.Sha256), fetched);
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(fetched));
    }

    [Fact]
    public void UploadsLargeContentInPartsAndReadsItBackVerified()
    {
        var server = S3TestServer.Require();
        using var here = new TempCache();
        using var elsewhere = new TempCache();
        var reports = new List<TransferProgress>();
        var content = Bytes((int)(2.5 * S3Settings.MinimumPartSize), seed: 3);
        using var store = new S3ArtifactStore(server.NewPrefix(), here.Directory,
            server.Settings(multipartThreshold: S3Settings.MinimumPartSize, progress: new SyncProgress<TransferProgress>(reports.Add)));

        var stored = store.Put(content);

        // Three parts (5 MiB, 5 MiB, 2.5 MiB), each acknowledged, then the verified whole.
        Assert.Equal([S3Settings.MinimumPartSize, 2 * S3Settings.MinimumPartSize, content.Length, content.Length], reports.Select(r => r.BytesDone));
        using var fresh = new S3ArtifactStore(store.Prefix, elsewhere.Directory, server.Settings());
        Assert.Equal(content, File.ReadAllBytes(fresh.Fetch(stored.Sha256)));
    }

    [Fact]
    public async Task RefusesAnObjectWhoseBytesDoNotMatchItsSha256AndNamesTheShaAndKey()
    {
        var server = S3TestServer.Require();
        using var here = new TempCache();
        using var elsewhere = new TempCache();
        using var store = new S3ArtifactStore(server.NewPrefix(), here.Directory, server.Settings());
        var stored = store.Put(Bytes(10_000, seed: 1));
        // Someone overwrites the object with other bytes (a buggy tool, a bucket restore gone wrong).
        var tampered = new ContentDirectory(Path.Combine(here.Directory, "tamper"));
        using (var other = tampered.Stage(new MemoryStream(Bytes(10_000, seed: 2)), computeMd5: true, TestContext.Current.CancellationToken))
        using (var bucket = new S3Bucket(store.Prefix.Bucket, server.Settings()))
        {
            await bucket.UploadAsync(store.KeyOf(stored.Sha256), other, TestContext.Current.CancellationToken);
        }

        using var fresh = new S3ArtifactStore(store.Prefix, elsewhere.Directory, server.Settings());
        var error = Assert.Throws<ArtifactIntegrityException>(() => fresh.Fetch(stored.Sha256));

        Assert.Equal(stored.Sha256, error.ExpectedSha256);
        Assert.Contains($"s3://{store.Prefix.Bucket}/{store.KeyOf(stored.Sha256)}", error.Message, StringComparison.Ordinal);
        Assert.Contains(stored.Sha256, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(fresh.LocalPath(stored.Sha256)), "a copy that failed verification must not enter the cache");
        Assert.Empty(Directory.GetFiles(elsewhere.Directory));
    }

    [Fact]
    public void ReportsContentThatIsNotInTheBucketAsMissingWithItsKey()
    {
        var server = S3TestServer.Require();
        using var cache = new TempCache();
        using var store = new S3ArtifactStore(server.NewPrefix(), cache.Directory, server.Settings());
        var sha = new string('a', 64);

        var error = Assert.Throws<ArtifactIntegrityException>(() => store.Fetch(sha));

        Assert.Null(error.ActualSha256);
        Assert.Contains($"'{store.Prefix.UriOf(store.KeyOf(sha))}' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefetchesACachedCopyThatWasCorrupted()
    {
        var server = S3TestServer.Require();
        using var cache = new TempCache();
        using var store = new S3ArtifactStore(server.NewPrefix(), cache.Directory, server.Settings());
        var content = Bytes(50_000, seed: 4);
        var stored = store.Put(content);
        File.WriteAllText(store.LocalPath(stored.Sha256), "bit rot");

        var path = store.Fetch(stored.Sha256);

        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void ServesAFetchedArtifactFromTheCacheWithoutAskingTheServerAgain()
    {
        var server = S3TestServer.Require();
        using var cache = new TempCache();
        using var uploader = new TempCache();
        var prefix = server.NewPrefix();
        using var store = new S3ArtifactStore(prefix, uploader.Directory, server.Settings());
        var stored = store.Put(Bytes(20_000, seed: 5));
        using (var reader = new S3ArtifactStore(prefix, cache.Directory, server.Settings()))
        {
            reader.Fetch(stored.Sha256);
        }

        // Same cache, but a server that is gone: the machine already has the verified bytes.
        using var offline = new S3ArtifactStore(prefix, cache.Directory, S3TestServer.ForEndpoint($"http://127.0.0.1:{S3rverProcess.FreePort()}", server.Credentials));
        Assert.Equal(File.ReadAllBytes(store.LocalPath(stored.Sha256)), File.ReadAllBytes(offline.Fetch(stored.Sha256)));
    }

    [Fact]
    public void NamesTheBucketAndTheEndpointWhenTheBucketDoesNotExist()
    {
        var server = S3TestServer.Require();
        using var cache = new TempCache();
        var bucket = $"kiln-missing-{Guid.NewGuid():N}"[..30];
        using var store = new S3ArtifactStore(new S3Location(bucket, "kiln"), cache.Directory, server.Settings());

        var error = Assert.Throws<RegistryException>(() => store.Put(Bytes(100, seed: 1)));

        Assert.Contains($"Bucket '{bucket}' does not exist at the S3 endpoint {server.Endpoint}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cache.Directory));
    }

    [Fact]
    public void SaysWhichCredentialsToCheckWhenTheServerRefusesThemWithoutPrintingThem()
    {
        // s3rver checks the access key id but not SigV4 signatures, so an unknown key id is the refusal it can show;
        // AWS and MinIO answer a wrong secret with SignatureDoesNotMatch, which takes the same path.
        const string accessKey = "NOT-A-KNOWN-KEY-ID";
        const string secretKey = "not-the-secret-key";
        var server = S3TestServer.Require();
        using var cache = new TempCache();
        using var store = new S3ArtifactStore(server.NewPrefix(), cache.Directory, S3TestServer.ForEndpoint(server.Endpoint, new BasicAWSCredentials(accessKey, secretKey)));

        var error = Assert.Throws<RegistryException>(() => store.Put(Bytes(100, seed: 1)));

        Assert.Contains($"The S3 endpoint {server.Endpoint} refused the credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secretKey, Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void GivesUpOnAnUnreachableEndpointAfterBoundedRetriesNamingTheHostAndPort()
    {
        using var cache = new TempCache();
        var port = S3rverProcess.FreePort();
        using var store = new S3ArtifactStore(new S3Location("kiln-test", "kiln"), cache.Directory,
            S3TestServer.ForEndpoint($"http://127.0.0.1:{port}", new BasicAWSCredentials("S3RVER", "S3RVER")));

        var error = Assert.Throws<RegistryException>(() => store.Fetch(new string('b', 64)));

        Assert.Contains($"The S3 endpoint 127.0.0.1:{port} did not answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts over", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ENDPOINT_URL_S3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectsOnlyUnreferencedContentOfItsOwnUnderItsPrefix()
    {
        var server = S3TestServer.Require();
        using var cache = new TempCache();
        var prefix = server.NewPrefix();
        using var store = new S3ArtifactStore(prefix, cache.Directory, server.Settings());
        var kept = store.Put(Bytes(1000, seed: 1));
        var orphan = store.Put(Bytes(1000, seed: 2));
        var notes = new ContentDirectory(Path.Combine(cache.Directory, "notes"));
        using (var note = notes.Stage(new MemoryStream("not an artifact"u8.ToArray()), computeMd5: true, TestContext.Current.CancellationToken))
        using (var bucket = new S3Bucket(prefix.Bucket, server.Settings()))
        {
            await bucket.UploadAsync(prefix.Child("README.txt"), note, TestContext.Current.CancellationToken);
        }

        Assert.Empty(store.CollectGarbage(new HashSet<string> { kept.Sha256 }, TimeSpan.FromHours(1)));
        var removed = store.CollectGarbage(new HashSet<string> { kept.Sha256 }, TimeSpan.Zero);

        Assert.Equal([prefix.UriOf(store.KeyOf(orphan.Sha256))], removed);
        Assert.Equal(new[] { prefix.Child("README.txt"), store.KeyOf(kept.Sha256) }.Order(StringComparer.Ordinal), (await KeysUnder(server, prefix)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARegistryOnS3RegistersAVersionThatAnotherMachineResolvesAndVerifies()
    {
        var server = S3TestServer.Require();
        using var temp = new TempRegistry();
        using var here = new TempCache();
        using var elsewhere = new TempCache();
        var prefix = server.NewPrefix();
        var model = temp.File("model.onnx", size: 100_000);
        using var uploads = new S3ArtifactStore(prefix, here.Directory, server.Settings());

        var version = new ModelRegistry(new SqliteRegistryStore(temp.Options), uploads).Register(TempRegistry.Request(model)).Version;

        using var downloads = new S3ArtifactStore(prefix, elsewhere.Directory, server.Settings());
        var path = new ModelRegistry(new SqliteRegistryStore(temp.Options), downloads).ResolveVerified("models:/churn/1");
        Assert.Equal(Path.Combine(elsewhere.Directory, version.Model.Sha256), path);
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(path));
        Assert.False(Directory.Exists(temp.Options.StoreDirectory), "nothing goes to the local file store when the artifacts are on S3");
    }

    private static string Messages(Exception e) => e.InnerException is null ? e.Message : e.Message + "\n" + Messages(e.InnerException);
}
