using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Kiln.Serving.Tests.Support;

namespace Kiln.Serving.Tests;

public sealed class StartupRefusalTests(ServingFixture fixture)
{
    [Theory]
    [InlineData("", "no model configured: set Kiln:Model:Path (environment variable Kiln__Model__Path)")]
    [InlineData("Kiln__Model__Path=/nonexistent/model.onnx", "model file not found: /nonexistent/model.onnx")]
    [InlineData("Kiln__Model__Path={model};Kiln__Model__Sha256=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sha256 mismatch for model file")]
    [InlineData("Kiln__Model__Path={model};Kiln__Model__Sha256=abc", "Kiln:Model:Sha256 must be 64 hex digits, got 'abc'")]
    [InlineData("Kiln__Model__Path={model};Kiln__Service__Port=abc", "Failed to convert configuration value 'abc' at 'Kiln:Service:Port'")]
    [InlineData("Kiln__Model__Path={model};Kiln__Service__Port=70000", "Kiln:Service:Port must be an integer from 0 to 65535, got 70000")]
    [InlineData("Kiln__Model__Path={model};Kiln__Service__Host=example.com", "Kiln:Service:Host must be an IP address or localhost, got 'example.com'")]
    [InlineData("Kiln__Model__Path={model};Kiln__Limits__MaxBatchRows=0", "Kiln:Limits:MaxBatchRows must be an integer from 1 to 1000000, got 0")]
    [InlineData("Kiln__Model__Path={model};Kiln__Batching__Enabled=yes", "Failed to convert configuration value 'yes' at 'Kiln:Batching:Enabled'")]
    [InlineData("Kiln__Model__Path={model};Kiln__Drift__WindowRows=lots", "Failed to convert configuration value 'lots' at 'Kiln:Drift:WindowRows'")]
    [InlineData("Kiln__Model__Path={model};Kiln__Drift__WindowRows=100;Kiln__Drift__MinimumRows=200", "Kiln:Drift:MinimumRows must be an integer from 1 to 100, got 200")]
    [InlineData("Kiln__Model__Path={model};Kiln__Drift__Threshold=-1", "Kiln:Drift:Threshold must be a number above 0, got -1")]
    [InlineData("Kiln__Model__Path={model};Kiln__Model__Sha265=abc", "unknown setting Kiln:Model:Sha265 (environment variable Kiln__Model__Sha265); the known ones are Source, Path, Sha256")]
    [InlineData("Kiln__Model__Path={model};Kiln__Limit__MaxBatchRows=5", "unknown setting Kiln:Limit (environment variable Kiln__Limit)")]
    [InlineData("Kiln__Model__Source=models:/churn@champion;Kiln__Registry__Store=sqlite:/nonexistent/kiln.db", "the registry database '/nonexistent/kiln.db' does not exist")]
    public async Task RefusesABadStartWithOneClearLineAndExitCodeOne(string environment, string expected)
    {
        var variables = environment.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Replace("{model}", fixture.ModelPath, StringComparison.Ordinal));

        var line = await RefusalAsync(ServiceProcess.FreePort(), variables);

        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAPortInUseWithOneClearLine()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var line = await RefusalAsync(port, fixture.ProcessEnvironment());

        Assert.Contains($"Failed to bind to address http://127.0.0.1:{port}: address already in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAnUnknownRegistryAliasWithOneLineNamingTheAliasesThatExist()
    {
        using var registry = new TestRegistry(fixture.ModelPath);

        var line = await RefusalAsync(ServiceProcess.FreePort(), new Dictionary<string, string>
        {
            ["Kiln__Model__Source"] = "models:/churn@production",
            ["Kiln__Registry__Store"] = "sqlite:" + registry.DatabasePath,
        });

        Assert.Contains("Model 'churn' has no alias 'production'", line, StringComparison.Ordinal);
        Assert.Contains("champion → v1", line, StringComparison.Ordinal);
    }

    // Starts the service, waits for it to give up, and returns the one message it logged; everything else about the output is asserted here.
    private static async Task<string> RefusalAsync(int port, IReadOnlyDictionary<string, string> environment)
    {
        await using var service = ServiceProcess.Start(port, environment);

        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the service should refuse to start:\n{service.Output}");
        Assert.Equal(1, service.ExitCode);
        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Critical", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        var message = json.RootElement.GetProperty("Message").GetString()!;
        Assert.StartsWith("Cannot serve: ", message, StringComparison.Ordinal);
        return message;
    }
}
