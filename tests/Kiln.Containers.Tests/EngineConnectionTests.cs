namespace Kiln.Containers.Tests;

public sealed class EngineConnectionTests
{
    [Fact]
    public async Task MissingEngineSaysWhereItLookedAndHowToStartOne()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"kiln-no-engine-{Guid.NewGuid():N}.sock");

        var error = await Assert.ThrowsAsync<ContainerException>(() => DockerEngine.ConnectAsync($"unix://{socket}", TestContext.Current.CancellationToken));

        Assert.StartsWith($"no Docker engine at unix://{socket}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(".ci/container-engine.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("DOCKER_HOST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddressThatIsNotAnEngineUrlIsRejectedByName()
    {
        var error = await Assert.ThrowsAsync<ContainerException>(() => DockerEngine.ConnectAsync("docker.sock", TestContext.Current.CancellationToken));

        Assert.Contains("'docker.sock' is not a Docker engine address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplicitAddressWinsOverDockerHost() =>
        Assert.Equal("tcp://127.0.0.1:2375", DockerEngine.ResolveAddress(" tcp://127.0.0.1:2375 "));
}
