using Docker.DotNet.Models;
using Kiln.Containers.Tests.Fixtures;
using Kiln.Hashing;
using Kiln.Testing;

namespace Kiln.Containers.Tests;

[Collection(EngineCollection.Name)]
public sealed class ImageTests(ServiceImages images)
{
    [Fact]
    public async Task OfflineBaseImageHoldsOnlyLibrariesAndTheAppUser()
    {
        images.Require();
        var inspect = await images.Engine.Client.Images.InspectImageAsync(OfflineBaseImage.Tag, TestContext.Current.CancellationToken);
        Assert.Equal("1654:1654", inspect.Config.User);

        // A scratch image: no shell, so the files are read by exporting a created (never started) container.
        var container = await images.Engine.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Image = OfflineBaseImage.Tag, Cmd = ["/nothing"], Name = $"kiln-test-base-{Guid.NewGuid():N}"[..24] },
            TestContext.Current.CancellationToken);
        try
        {
            var archive = await images.Engine.Client.Containers.GetArchiveFromContainerAsync(
                container.ID, new GetArchiveFromContainerParameters { Path = "/etc/passwd" }, statOnly: false, TestContext.Current.CancellationToken);
            using var reader = new System.Formats.Tar.TarReader(archive.Stream);
            var entry = await reader.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken);
            using var text = new StreamReader(entry!.DataStream!);
            Assert.Contains("app:x:1654:1654:", await text.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            await images.Engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public void ImageCarriesVersionSourceModelAndDataLabels()
    {
        images.Require();
        var labels = images.V1.Labels;
        Assert.Equal("1.0.0", labels["org.opencontainers.image.version"]);
        Assert.Equal("0123abcd", labels["org.opencontainers.image.revision"]);
        Assert.Equal(ServiceImages.Source, labels["org.opencontainers.image.source"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", labels["org.opencontainers.image.created"]);
        Assert.Equal("churn", labels[KilnLabels.ModelName]);
        Assert.Equal("7", labels[KilnLabels.ModelVersion]);
        Assert.Equal(FileHash.Sha256(images.ModelPath), labels[KilnLabels.ModelSha256]);
        Assert.Equal(new string('d', 64), labels[KilnLabels.DataSha256]);
        Assert.Equal($"{ServiceImages.Repository}:1.0.0", images.V1.Reference);
    }

    [Fact]
    public async Task ServiceProcessRunsAsTheNonRootAppUser()
    {
        images.Require();
        var port = FreePort();
        var container = await images.Engine.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters
            {
                Image = images.V1.Reference,
                Name = $"kiln-test-uid-{Guid.NewGuid():N}"[..23],
                Env = [$"Kiln__Service__Port={port}", "Kiln__Service__Host=127.0.0.1"],
                HostConfig = new HostConfig { NetworkMode = "host" },
            },
            TestContext.Current.CancellationToken);
        try
        {
            await images.Engine.Client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), TestContext.Current.CancellationToken);
            var state = (await images.Engine.Client.Containers.InspectContainerAsync(container.ID, TestContext.Current.CancellationToken)).State;
            Assert.True(state.Running, $"the container stopped with exit code {state.ExitCode}");

            // The engine reports the process's host pid; its real uid is in /proc, whatever the image claims.
            var status = await File.ReadAllLinesAsync($"/proc/{state.Pid}/status", TestContext.Current.CancellationToken);
            var uids = status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1..];
            Assert.All(uids, uid => Assert.Equal("1654", uid));
        }
        finally
        {
            await images.Engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task PredictionsThroughTheContainerEqualLocalOnnxRuntime()
    {
        images.Require();
        var result = await new SmokeTest(images.Engine).RunAsync(
            images.V1.Reference, images.RowsJson, images.Expected, environment: Loopback, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(images.Expected.Length, result.Probabilities.Count);
        Assert.InRange(result.MaxDifference, 0, SmokeTest.Tolerance);
        Assert.True(result.StartToReady > TimeSpan.Zero);
        await AssertNoSmokeContainerLeftAsync();
    }

    [Fact]
    public async Task SmokeTestNamesTheRowThatDisagreesAndStillRemovesTheContainer()
    {
        images.Require();
        var wrong = images.Expected.ToArray();
        wrong[2] += 0.001f;

        var error = await Assert.ThrowsAsync<ContainerException>(() => new SmokeTest(images.Engine).RunAsync(
            images.V1.Reference, images.RowsJson, wrong, environment: Loopback, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("at row 2", error.Message, StringComparison.Ordinal);
        await AssertNoSmokeContainerLeftAsync();
    }

    [Fact]
    public async Task SmokeTestOfABrokenImageReportsItsExitAndLogs()
    {
        images.Require();
        var error = await Assert.ThrowsAsync<ContainerException>(() => new SmokeTest(images.Engine).RunAsync(
            images.Broken.Reference, images.RowsJson, images.Expected, TimeSpan.FromSeconds(30), Loopback, TestContext.Current.CancellationToken));

        Assert.Contains("exited with code 1 before it was ready", error.Message, StringComparison.Ordinal);
        Assert.Contains("model", error.Message, StringComparison.OrdinalIgnoreCase);
        await AssertNoSmokeContainerLeftAsync();
    }

    [Fact]
    public async Task BuildingWithoutAPublishedServiceNamesTheDirectory()
    {
        images.Require();
        var missing = Path.Combine(images.WorkDirectory, "not-published");
        var error = await Assert.ThrowsAsync<ContainerException>(() => new ImageBuilder(images.Engine).BuildAsync(
            new ImageBuildRequest(ServiceImages.Repository, "9.9.9", missing, images.ModelPath, Path.Combine(RepositoryRoot.Path, "Dockerfile"), "churn", "1"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    internal static IReadOnlyDictionary<string, string> Loopback { get; } = new Dictionary<string, string> { ["Kiln__Service__Host"] = "127.0.0.1" };

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AssertNoSmokeContainerLeftAsync()
    {
        var containers = await images.Engine.Client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{KilnLabels.Role}=smoke-test"] = true } } },
            TestContext.Current.CancellationToken);
        Assert.Empty(containers);
    }
}
