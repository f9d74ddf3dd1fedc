using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiln.Testing;
using Kiln.Serving.Hosting;
using Kiln.Serving.Tests.Support;

namespace Kiln.Serving.Tests;

public sealed partial class LocalServerTests(ServingFixture fixture)
{
    [Fact]
    public async Task ServesTheChampionOfARegistryOnLoopbackUntilCancelledThenReleasesThePort()
    {
        using var registry = new TestRegistry(fixture.ModelPath);
        var lines = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var serving = LocalServer.RunAsync(new LocalServeRequest(registry.DatabasePath, "models:/churn@champion", Port: 0), lines.Enqueue, stop.Token);

        var address = await AddressAsync(lines, serving);
        var rows = TestModel.Generate(4, 31);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(rows)), TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", address.Host);
        Assert.Equal(DirectOrt.Score(fixture.ModelPath, rows).Select(e => e.Probability), json.RootElement.EnumerateArray().Select(r => r.GetProperty("probability").GetSingle()));
        Assert.All(json.RootElement.EnumerateArray(), r => Assert.Equal("1", r.GetProperty("version").GetString()));
        Assert.Contains(lines, l => l.StartsWith("Serving models:/churn@champion (churn version 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == $"Stopped serving at {address.GetLeftPart(UriPartial.Authority)}");
        Assert.DoesNotContain(lines, l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("critical:", StringComparison.Ordinal));
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task SaysToRegisterFirstWhenTheRegistryHasNoChampionYet()
    {
        using var registry = new TestRegistry(fixture.ModelPath, withChampion: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LocalServer.RunAsync(new LocalServeRequest(registry.DatabasePath, "models:/churn@champion", 0), _ => { }, TestContext.Current.CancellationToken));

        Assert.Equal(
            $"models:/churn@champion is not in the registry at {registry.DatabasePath} yet: run ./build.sh Register first (a version becomes @champion once it passes the quality gate and beats the current one)",
            error.Message);
    }

    [Fact]
    public async Task SaysToRegisterFirstWhenThereIsNoRegistryAndDoesNotCreateOne()
    {
        var database = Path.Combine(fixture.ScratchDirectory, "no-registry-yet", "kiln.db");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LocalServer.RunAsync(new LocalServeRequest(database, "models:/churn@champion", 0), _ => { }, TestContext.Current.CancellationToken));

        Assert.StartsWith($"there is no registry at {database} yet: run ./build.sh Register first", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    // The printed line is the only way a user learns the address, so the test reads it from there too.
    private static async Task<Uri> AddressAsync(ConcurrentQueue<string> lines, Task serving)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (serving.IsCompleted)
            {
                await serving;
                throw new InvalidOperationException($"Serve ended before serving:\n{string.Join("\n", lines)}");
            }

            if (lines.Select(l => ServingAt().Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                return new Uri(match.Groups[1].Value);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Serve did not say where it serves within 30 s:\n{string.Join("\n", lines)}");
    }

    [GeneratedRegex(@"^Serving .* at (http://127\.0\.0\.1:\d+):")]
    private static partial Regex ServingAt();
}
