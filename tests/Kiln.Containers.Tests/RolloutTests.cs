using System.Text.Json;
using Docker.DotNet.Models;
using Kiln.Containers.Tests.Fixtures;

namespace Kiln.Containers.Tests;

[Collection(EngineCollection.Name)]
public sealed class RolloutTests(ServiceImages images) : IAsyncLifetime
{
    private readonly string _name = $"kiln-test-{Guid.NewGuid():N}"[..18];
    private readonly int _port = ImageTests.FreePort();
    private readonly List<string> _progress = [];

    [Fact]
    public async Task RollsOutANewVersionUnderSteadyTrafficWithoutAFailedRequest()
    {
        images.Require();
        var rollout = new Rollout(images.Engine);
        await rollout.DeployAsync(Request(images.V1, "1.0.0"), _progress.Add, TestContext.Current.CancellationToken);
        Assert.Equal("1.0.0", await ServedVersionAsync());

        var traffic = new SteadyTraffic(_port, images.RowsJson);
        RolloutResult result;
        try
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            result = await rollout.DeployAsync(Request(images.V2, "1.1.0"), _progress.Add, TestContext.Current.CancellationToken);
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }
        finally
        {
            await traffic.StopAsync();
        }

        Assert.Equal(RolloutOutcome.Deployed, result.Outcome);
        Assert.Equal([$"{_name}-1.0.0"], result.Replaced);
        Assert.True(traffic.Sent > 20, $"only {traffic.Sent} requests were sent during the rollout");
        Assert.Empty(traffic.Failures);
        Assert.Equal("1.1.0", await ServedVersionAsync());
        Assert.Equal(($"{_name}-1.1.0", "1.1.0"), await rollout.CurrentAsync(_name, TestContext.Current.CancellationToken));
        Assert.Single(await InstancesAsync());
    }

    [Fact]
    public async Task BrokenImageIsRolledBackAndTheOldVersionKeepsServing()
    {
        images.Require();
        var rollout = new Rollout(images.Engine);
        await rollout.DeployAsync(Request(images.V1, "1.0.0"), _progress.Add, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ContainerException>(() =>
            rollout.DeployAsync(Request(images.Broken, "1.2.0"), _progress.Add, TestContext.Current.CancellationToken));

        Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{_name}-1.0.0 keeps serving", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await ServedVersionAsync());
        var instances = await InstancesAsync();
        Assert.Equal([$"/{_name}-1.0.0"], instances.SelectMany(c => c.Names));
    }

    [Fact]
    public async Task RedeployingTheServingVersionIsANoOp()
    {
        images.Require();
        var rollout = new Rollout(images.Engine);
        var first = await rollout.DeployAsync(Request(images.V1, "1.0.0"), _progress.Add, TestContext.Current.CancellationToken);
        var started = (await InstancesAsync()).Single().ID;

        var again = await rollout.DeployAsync(Request(images.V1, "1.0.0"), _progress.Add, TestContext.Current.CancellationToken);

        Assert.Equal(RolloutOutcome.Deployed, first.Outcome);
        Assert.Equal(RolloutOutcome.AlreadyServing, again.Outcome);
        Assert.Contains(_progress, line => line.Contains("already serving", StringComparison.Ordinal));
        Assert.Equal(started, (await InstancesAsync()).Single().ID);
    }

    [Fact]
    public async Task SmokePredictionThatDisagreesBlocksTheRollout()
    {
        images.Require();
        var rollout = new Rollout(images.Engine);
        await rollout.DeployAsync(Request(images.V1, "1.0.0"), _progress.Add, TestContext.Current.CancellationToken);
        var wrong = images.Expected.Select(p => 1 - p).ToArray();

        var error = await Assert.ThrowsAsync<ContainerException>(() =>
            rollout.DeployAsync(Request(images.V2, "1.1.0") with { ExpectedProbabilities = wrong }, _progress.Add, TestContext.Current.CancellationToken));

        Assert.Contains("disagrees with local ONNX Runtime at row 0", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await ServedVersionAsync());
    }

    [Fact]
    public async Task PullsAnImageWhoseFirstComponentIsNoHostFromDockerHubAndChangesNothingWhenThatFails()
    {
        images.Require();
        const string image = "library/kiln-test-absent:1.0.0";

        var error = await Assert.ThrowsAsync<ContainerException>(() => new Rollout(images.Engine).DeployAsync(
            Request(images.V1, "1.0.0") with { Image = image, Credentials = new RegistryCredentials("ci", "hunter2") },
            _progress.Add, TestContext.Current.CancellationToken));

        // "library" is a Docker Hub namespace, not a registry host: the pull and its credentials are for docker.io.
        Assert.Contains($"pulling {image} from docker.io", _progress);
        Assert.StartsWith($"cannot pull {image} from docker.io: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Empty(await InstancesAsync());
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (images.IsAvailable)
        {
            foreach (var container in await InstancesAsync())
            {
                await images.Engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
            }
        }
    }

    private RolloutRequest Request(BuiltImage image, string version) => new(
        _name, image.Reference, version, _port, images.RowsJson, images.Expected,
        ReadyTimeout: TimeSpan.FromSeconds(30), DrainTimeout: TimeSpan.FromSeconds(10), Environment: ImageTests.Loopback);

    private async Task<string> ServedVersionAsync()
    {
        using var client = new HttpClient();
        var body = await client.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/v2"), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(body).RootElement.GetProperty("version").GetString()!;
    }

    private async Task<IList<ContainerListResponse>> InstancesAsync() =>
        await images.Engine.Client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{KilnLabels.Service}={_name}"] = true } },
            },
            CancellationToken.None);
}
