using System.Text.Json;
using Kiln.Hashing;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Tracking;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Pipeline.Tests;

/// <summary>dataset.path: s3://… pinned by a committed pointer, against a real S3-protocol server (s3rver from .ci/s3.sh).</summary>
public sealed class RemoteDatasetTests
{
    private const string PointerName = "config/churn.csv.pointer.json";

    private static string NewUri(S3TestServer server) => $"s3://{server.Bucket}/tests/{Guid.NewGuid():N}/churn.csv";

    private static PipelineContext Remote(TestWorkspace workspace, string uri, S3Settings? s3 = null) =>
        new(workspace.Root, KilnConfig.Parse(TestWorkspace.ChurnYaml().Replace("path: churn.csv", $"path: {uri}", StringComparison.Ordinal), "config/test.yaml"))
        {
            // A cache inside each workspace, so a second workspace is a machine that has fetched nothing yet.
            StoreOptions = new ArtifactStoreOptions(workspace.Root, workspace.At("cache"), s3 ?? new S3Settings(EndpointUrl: "http://127.0.0.1:9")),
        };

    /// <summary>A clone of <paramref name="pushed"/>'s repository on another machine: the committed pointer, no raw CSV, an empty cache.</summary>
    private static TestWorkspace CloneOf(TestWorkspace pushed)
    {
        var clone = new TestWorkspace();
        Directory.CreateDirectory(clone.At("config"));
        File.Copy(pushed.At(PointerName), clone.At(PointerName));
        return clone;
    }

    [Fact]
    public async Task PushDataUploadsTheCsvAndPinsItsSha256InAPointerBesideTheConfig()
    {
        var server = S3TestServer.Require();
        using var workspace = TestWorkspace.WithChurn(rows: 1500);
        var uri = NewUri(server);
        var csv = Path.Combine(workspace.RawDirectory, "churn.csv");

        var pointer = await Remote(workspace, uri, server.Settings()).RawData.PushAsync(null, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(File.ReadAllText(workspace.At(PointerName)));
        Assert.Equal(["uri", "sha256", "size", "pushed_at"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal((uri, FileHash.Sha256(csv), new FileInfo(csv).Length), (pointer.Uri, pointer.Sha256, pointer.Size));
        Assert.Equal(pointer, DatasetPointer.Load(workspace.At(PointerName), PointerName));
        var location = S3Location.Parse(uri, "test");
        using var bucket = new S3Bucket(location.Bucket, server.Settings());
        Assert.Equal((pointer.Size, pointer.Sha256), await bucket.HeadAsync(location.Key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AFreshCloneFetchesThePinnedDataForFeaturesAndRecordsTheUriAndSha256AsLineage()
    {
        var server = S3TestServer.Require();
        using var pushed = TestWorkspace.WithChurn(rows: 1500);
        var uri = NewUri(server);
        var pointer = await Remote(pushed, uri, server.Settings()).RawData.PushAsync(null, TestContext.Current.CancellationToken);
        using var clone = CloneOf(pushed);
        var context = Remote(clone, uri, server.Settings());

        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);

        var lineage = DatasetLineageReader.Read(context)!;
        Assert.Equal((uri, pointer.Sha256), (lineage.Path, lineage.Sha256));
        Assert.Equal(1500, lineage.RowsAccepted + lineage.RowsRejected);
        Assert.Equal(File.ReadAllBytes(Path.Combine(pushed.RawDirectory, "churn.csv")), File.ReadAllBytes(clone.At($"cache/{pointer.Sha256}")));
        Assert.True(new FeaturesStage(context).Check().IsUpToDate);
    }

    [Fact]
    public async Task FeaturesRerunsWhenANewPushChangesThePointer()
    {
        var server = S3TestServer.Require();
        using var workspace = TestWorkspace.WithChurn(rows: 1500);
        var context = Remote(workspace, NewUri(server), server.Settings());
        await context.RawData.PushAsync(null, TestContext.Current.CancellationToken);
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);

        File.AppendAllText(Path.Combine(workspace.RawDirectory, "churn.csv"), "C999999,F,0,no,1,monthly,bank,dsl,no,50,50,0,1,\"Cork, IE\",no\n");
        var repushed = await context.RawData.PushAsync(null, TestContext.Current.CancellationToken);

        Assert.Equal($"dependency changed: {PointerName}", new FeaturesStage(context).Check().Reason);
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(repushed.Sha256, DatasetLineageReader.Read(context)!.Sha256);
    }

    [Fact]
    public async Task FailsClearlyWhenTheObjectNoLongerMatchesThePinnedSha256()
    {
        var server = S3TestServer.Require();
        var uri = NewUri(server);
        using var first = TestWorkspace.WithChurn(rows: 1500, seed: 1);
        var pinned = await Remote(first, uri, server.Settings()).RawData.PushAsync(null, TestContext.Current.CancellationToken);
        using var clone = CloneOf(first);
        // Someone else pushes other data to the same key; the clone still holds the old pointer.
        using var second = TestWorkspace.WithChurn(rows: 1500, seed: 2);
        var newer = await Remote(second, uri, server.Settings()).RawData.PushAsync(null, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(Remote(clone, uri, server.Settings())).RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal($"{uri}: the object hashes to {newer.Sha256}, not the sha256 {pinned.Sha256} that {PointerName} pins; it was pushed again after this pointer was written. Check out the pointer that matches the data, or run PushData to pin the data you mean.", error.Message);
        Assert.False(File.Exists(clone.At("data/02-preprocessed/clean.csv")));
        Assert.False(File.Exists(clone.At($"cache/{pinned.Sha256}")) || File.Exists(clone.At($"cache/{newer.Sha256}")));
    }

    [Fact]
    public async Task FailsClearlyWhenThePointerIsMissing()
    {
        using var workspace = new TestWorkspace();

        var error = await Assert.ThrowsAsync<PipelineException>(() => new FeaturesStage(Remote(workspace, "s3://kiln-data/churn/churn.csv")).RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal($"{PointerName}: the pointer that pins dataset.path 's3://kiln-data/churn/churn.csv' (config/test.yaml) is missing; run PushData (--input <csv>) to upload the data and write it, then commit it", error.Message);
    }

    [Fact]
    public async Task RefusesAPointerThatPinsAnotherLocation()
    {
        using var workspace = new TestWorkspace();
        Directory.CreateDirectory(workspace.At("config"));
        new DatasetPointer("s3://old-bucket/churn.csv", new string('a', 64), 10, DateTimeOffset.UnixEpoch).Save(workspace.At(PointerName));

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(Remote(workspace, "s3://new-bucket/churn.csv")).RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal($"{PointerName} pins s3://old-bucket/churn.csv, but dataset.path in config/test.yaml is s3://new-bucket/churn.csv; run PushData to upload the data to the new location and rewrite the pointer.", error.Message);
    }

    [Theory]
    [InlineData("{ \"uri\": ", "not a dataset pointer (line 1)")]
    [InlineData("""{ "uri": "s3://kiln-data/churn.csv", "sha256": "ABC", "size": 3, "pushed_at": "2025-01-01T00:00:00Z" }""", "'sha256' must be 64 lower-case hex digits")]
    public async Task RejectsADamagedPointerNamingTheFile(string content, string problem)
    {
        using var workspace = new TestWorkspace();
        Directory.CreateDirectory(workspace.At("config"));
        File.WriteAllText(workspace.At(PointerName), content);

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new FeaturesStage(Remote(workspace, "s3://kiln-data/churn.csv")).RunAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith($"{PointerName}: {problem}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushDataRefusesALocalDatasetPath()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 200);

        var error = await Assert.ThrowsAsync<PipelineException>(() => workspace.Context(TestWorkspace.ChurnYaml()).RawData.PushAsync(null, TestContext.Current.CancellationToken));

        Assert.Equal("PushData uploads to an s3:// dataset: dataset.path in config/test.yaml is 'churn.csv', a file under data/01-raw. Set it to s3://bucket/path/churn.csv first.", error.Message);
    }
}
