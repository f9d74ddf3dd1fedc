using System.Text.Json;
using Kiln.Containers.Tests.Fixtures;

namespace Kiln.Containers.Tests;

[Collection(EngineCollection.Name)]
public sealed class PushTests(ServiceImages images)
{
    private static readonly string Registry = Environment.GetEnvironmentVariable("KILN_REGISTRY") is { Length: > 0 } r ? r : "127.0.0.1:5000";

    [Fact]
    public async Task PushesTheVersionTagToTheRegistryWithoutPrintingOrStoringCredentials()
    {
        images.Require();
        await RequireRegistryAsync();
        var secret = $"s3cret-{Guid.NewGuid():N}";
        var lines = new List<string>();

        var pushed = await new ImagePusher(images.Engine).PushAsync(
            images.V1.Reference, Registry, "kiln/test-churn", "1.0.0+build.5", new RegistryCredentials("kiln-ci", secret), lines.Add, TestContext.Current.CancellationToken);

        Assert.Equal($"{Registry}/kiln/test-churn:1.0.0-build.5", pushed);
        using var client = new HttpClient();
        var tags = await client.GetStringAsync(new Uri($"http://{Registry}/v2/kiln/test-churn/tags/list"), TestContext.Current.CancellationToken);
        Assert.Contains("1.0.0-build.5", tags, StringComparison.Ordinal);

        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(images.BuildLog, line => line.Contains(secret, StringComparison.Ordinal));
        var history = await images.Engine.Client.Images.GetImageHistoryAsync(pushed, TestContext.Current.CancellationToken);
        var inspect = await images.Engine.Client.Images.InspectImageAsync(pushed, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(history), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(inspect), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, new RegistryCredentials("kiln-ci", secret).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushingAnImageTheEngineLacksSaysSo()
    {
        images.Require();
        var error = await Assert.ThrowsAsync<ContainerException>(() => new ImagePusher(images.Engine).PushAsync(
            "kiln-test-missing:0.0.1", Registry, "kiln/missing", "0.0.1", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("no such image", error.Message, StringComparison.Ordinal);
    }

    private static async Task RequireRegistryAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            await client.GetAsync(new Uri($"http://{Registry}/v2/"), TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException e)
        {
            EngineRequirement.SkipOrFail($"no registry at {Registry} ({e.Message})");
        }
    }
}
