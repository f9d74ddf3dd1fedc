using Kiln.Registry.Artifacts;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Registry.Tests;

/// <summary>Opening an artifact store from its URI: no server is contacted, so these need none.</summary>
public sealed class ArtifactStoresTests
{
    private static readonly ArtifactStoreOptions Options = new("/repo", "/tmp/kiln-cache", new S3Settings(EndpointUrl: "http://127.0.0.1:9"));

    [Theory]
    [InlineData("file:artifacts/registry/store", "/repo/artifacts/registry/store")]
    [InlineData("file:/srv/kiln/store", "/srv/kiln/store")]
    [InlineData("file:///srv/kiln/store", "/srv/kiln/store")]
    public void OpensAFileStoreRelativeToTheBaseDirectory(string uri, string root)
    {
        var store = Assert.IsType<FileArtifactStore>(ArtifactStores.Open(uri, Options));

        Assert.Equal(root, store.Root);
        Assert.Equal("file:" + root, store.Location);
    }

    [Fact]
    public void OpensAnS3StoreWithItsPrefixAndTheEndpointInItsLocation()
    {
        using var store = Assert.IsType<S3ArtifactStore>(ArtifactStores.Open("s3://ml-bucket/team/kiln/", Options));

        Assert.Equal(new S3Location("ml-bucket", "team/kiln"), store.Prefix);
        Assert.Equal("team/kiln/" + new string('c', 64), store.KeyOf(new string('c', 64)));
        Assert.Equal("s3://ml-bucket/team/kiln at http://127.0.0.1:9", store.Location);
        Assert.Equal(Path.Combine("/tmp/kiln-cache", new string('c', 64)), store.LocalPath(new string('c', 64)));
    }

    [Theory]
    [InlineData("ftp://host/store", "unknown scheme 'ftp:'")]
    [InlineData("artifacts/registry/store", "no scheme")]
    [InlineData("file:", "names no directory")]
    [InlineData("file://fileserver/store", "names a host")]
    [InlineData("s3://Bad_Bucket/kiln", "'Bad_Bucket' is not a valid bucket name")]
    [InlineData("s3://ml-bucket/kiln?endpoint=http://minio:9000", "the endpoint and credentials come from the AWS_* environment")]
    public void RejectsAUriItCannotOpenSayingWhatIsWrong(string uri, string problem)
    {
        var error = Assert.Throws<RegistryException>(() => ArtifactStores.Open(uri, Options, "registry.artifacts"));

        Assert.StartsWith($"registry.artifacts '{uri}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, ArtifactStores.Problem(uri, "registry.artifacts"));
    }

    [Fact]
    public void TakesTheEndpointFromTheSdksStandardVariablesTheS3OneFirst()
    {
        var both = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL_S3"] = "http://minio:9000", ["AWS_ENDPOINT_URL"] = "http://other:1" };
        var general = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = "https://account.r2.cloudflarestorage.com" };

        Assert.Equal("http://minio:9000", S3Settings.FromVariables(name => both.GetValueOrDefault(name)).EndpointUrl);
        Assert.Equal("https://account.r2.cloudflarestorage.com", S3Settings.FromVariables(name => general.GetValueOrDefault(name)).EndpointUrl);
        Assert.Null(S3Settings.FromVariables(_ => null).EndpointUrl);
    }

    [Fact]
    public async Task AnS3StoreWithNoRegionAnywhereNamesTheVariablesThatSetOne()
    {
        // The SDK reads the region from the process environment and the AWS profile, so a child process with neither shows what a user sees.
        using var temp = new TempRegistry();
        var none = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = null,
            ["AWS_DEFAULT_REGION"] = null,
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_ENDPOINT_URL_S3"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_CONFIG_FILE"] = Path.Combine(temp.Directory, "no-aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(temp.Directory, "no-aws-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };

        using var child = CrashHost.StartWith(none, "open", temp.StoreUri, "s3://ml-bucket/kiln", "-");
        var (exitCode, output) = await ChildHost.WaitAsync(child, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Contains("s3://ml-bucket: no AWS region is configured; set AWS_REGION", output, StringComparison.Ordinal);
        Assert.Contains("AWS_ENDPOINT_URL_S3", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesSettingsS3WouldRejectBeforeSendingAnything()
    {
        Assert.Contains("below S3's minimum", Assert.Throws<RegistryException>(() => new S3Settings(PartSize: 1 << 20).Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("is not an http:// or https:// URL", Assert.Throws<RegistryException>(() => new S3Settings(EndpointUrl: "minio:9000").Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegistryOpensTheArtifactStoreItsOptionsName()
    {
        using var temp = new TempRegistry();
        var directory = Path.Combine(temp.Directory, "shared-store");
        var registry = ModelRegistry.Open(temp.Options with { Artifacts = "file:" + directory });

        var version = registry.Register(TempRegistry.Request(temp.File("model.onnx"))).Version;

        Assert.True(File.Exists(Path.Combine(directory, version.Model.Sha256)));
        Assert.Equal(Path.Combine(directory, version.Model.Sha256), registry.ResolveVerified("models:/churn/1"));
        Assert.False(Directory.Exists(temp.Options.StoreDirectory));
    }
}
