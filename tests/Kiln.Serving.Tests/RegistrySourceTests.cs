using System.Text.Json;
using Kiln.Serving.Models;
using Kiln.Serving.Tests.Support;
using Kiln.Serving.Configuration;
using Kiln.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Tests;

public sealed class RegistrySourceTests(ServingFixture fixture)
{
    [Fact]
    public async Task ServesTheChampionAliasUnderTheRegisteredNameAndVersion()
    {
        using var registry = new TestRegistry(fixture.ModelPath);
        await using var app = new KilnAppFactory(fixture.Settings(
            ("Kiln:Model:Path", null), ("Kiln:Model:Source", "models:/churn@champion"), ("Kiln:Registry:Store", "sqlite:" + registry.DatabasePath)));
        using var client = await app.CreateReadyClientAsync();
        var rows = TestModel.Generate(3, 11);

        using var response = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(rows)), TestContext.Current.CancellationToken);
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        using var metadata = await client.GetAsync("/v2/models/churn/versions/1", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, metadata.StatusCode);
        Assert.All(results.EnumerateArray(), r => Assert.Equal(("churn", "1"), (r.GetProperty("model").GetString(), r.GetProperty("version").GetString())));
        Assert.Equal(DirectOrt.Score(fixture.ModelPath, rows).Select(e => e.Probability), results.EnumerateArray().Select(r => r.GetProperty("probability").GetSingle()));
    }

    [Fact]
    public async Task ServesAnExplicitVersionReferenceAndTheSourceWinsOverThePathKey()
    {
        using var registry = new TestRegistry(fixture.ModelPath);
        await using var app = new KilnAppFactory(fixture.Settings(
            ("Kiln:Model:Source", "models:/churn/2"), ("Kiln:Model:Path", "/nonexistent/model.onnx"), ("Kiln:Registry:Store", "sqlite:" + registry.DatabasePath)));
        using var client = await app.CreateReadyClientAsync();

        using var version2 = await client.GetAsync("/v2/models/churn/versions/2/ready", TestContext.Current.CancellationToken);
        using var version1 = await client.GetAsync("/v2/models/churn/versions/1/ready", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, version2.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, version1.StatusCode);
    }

    [Fact]
    public async Task APlainPathSourceIsServedUnderTheConfiguredName()
    {
        var artifact = await Source(new ModelOptions { Source = fixture.ModelPath, Name = "attrition", Version = "7" }).ResolveAsync(TestContext.Current.CancellationToken);

        Assert.Equal((fixture.ModelPath, "attrition", "7", (string?)null), (artifact.Path, artifact.Name, artifact.Version, artifact.ExpectedSha256));
    }

    [Fact]
    public async Task AnUnknownAliasNamesTheAliasesThatExist()
    {
        using var registry = new TestRegistry(fixture.ModelPath);
        var source = Source(new ModelOptions { Source = "models:/churn@production" }, registry.DatabasePath);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.ResolveAsync(TestContext.Current.CancellationToken));

        Assert.Contains("models:/churn@production", error.Message, StringComparison.Ordinal);
        Assert.Contains("champion → v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingRegistryIsReportedAndNotCreated()
    {
        var database = Path.Combine(fixture.ScratchDirectory, "no-registry", "kiln.db");
        var source = Source(new ModelOptions { Source = "models:/churn@champion" }, database);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.ResolveAsync(TestContext.Current.CancellationToken));

        Assert.Contains(database, error.Message, StringComparison.Ordinal);
        Assert.Contains("Kiln:Registry:Store", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(database), "resolving must not create a registry");
    }

    [Fact]
    public async Task ARelativeRegistryPathIsResolvedAgainstTheContentRoot()
    {
        using var registry = new TestRegistry(fixture.ModelPath);
        var root = Path.GetDirectoryName(Path.GetDirectoryName(registry.DatabasePath))!;
        var relative = Path.GetRelativePath(root, registry.DatabasePath);

        var artifact = await Source(new ModelOptions { Source = "models:/churn@challenger" }, relative, root).ResolveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("churn", "2", registry.Challenger.Model.Sha256), (artifact.Name, artifact.Version, artifact.ExpectedSha256));
    }

    [Fact]
    public async Task RefusesToStartWhenTheRegisteredArtifactIsCorruptedAndNamesThePathAndHash()
    {
        using var registry = new TestRegistry(fixture.ModelPath);
        var stored = registry.Champion!.Model.StorePath;
        File.SetAttributes(stored, FileAttributes.Normal);
        await File.AppendAllTextAsync(stored, "tampered", TestContext.Current.CancellationToken);

        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), new Dictionary<string, string>
        {
            ["Kiln__Model__Source"] = "models:/churn@champion",
            ["Kiln__Registry__Store"] = "sqlite:" + registry.DatabasePath,
        });

        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the service should stop when its registered model is corrupted");
        Assert.Equal(1, service.ExitCode);
        Assert.Contains(stored, service.Output, StringComparison.Ordinal);
        Assert.Contains(registry.Champion!.Model.Sha256, service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", service.Output, StringComparison.Ordinal);
    }

    private static RegistryModelSource Source(ModelOptions model, string? registry = null, string? contentRoot = null) =>
        new(Options.Create(model), Options.Create(registry is null ? new RegistryLocationOptions() : new RegistryLocationOptions { Store = "sqlite:" + registry }), new Root(contentRoot ?? Directory.GetCurrentDirectory()));

    private sealed class Root(string path) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Kiln.Serving";

        public string ContentRootPath { get; set; } = path;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
