using System.Text.Json;
using Kiln.Serving.Apis;
using Kiln.Serving.Configuration;
using Kiln.Serving.Extensions;
using Kiln.Serving.Hosting;
using Kiln.Serving.Models;
using Kiln.Serving.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task AResolutionBegunEarlyIsHandedOverOnlyForTheSettingsItBeganFrom()
    {
        using var registry = new TestRegistry(fixture.ModelPath);
        var root = fixture.ScratchDirectory;
        var store = "sqlite:" + registry.DatabasePath;
        var early = EarlyResolution.Begin(Configuration(("Kiln:Model:Source", "models:/churn@champion"), ("Kiln:Registry:Store", store)), root);
        Assert.NotNull(early);
        var model = new ModelOptions { Source = "models:/churn@champion" };
        var location = new RegistryLocationOptions { Store = store };

        var artifact = await early.For(model, location, root)!;

        Assert.Equal(("churn", "1", registry.Champion!.Model.Sha256), (artifact.Name, artifact.Version, artifact.ExpectedSha256));
        Assert.Null(early.For(model with { Source = "models:/churn/2" }, location, root));
        Assert.Null(early.For(model with { Sha256 = registry.Champion.Model.Sha256 }, location, root));
        Assert.Null(early.For(model, location with { Store = "sqlite:" + Path.Combine(root, "other.db") }, root));
        Assert.Null(early.For(model, location, Path.Combine(root, "elsewhere")));
    }

    [Theory]
    [InlineData(null, "sqlite:kiln.db")]
    [InlineData("model.onnx", "sqlite:kiln.db")]
    [InlineData("models:/", "sqlite:kiln.db")]
    [InlineData("models:/churn@champion", "")]
    [InlineData("models:/churn@champion", "mysql://db/kiln")]
    [InlineData("models:/churn@champion", "postgres://kiln@db:5432/kiln")]
    public void NothingIsBegunEarlyForAFileOrForSettingsThatFailTheirChecks(string? source, string store)
    {
        // A file needs no registry; a malformed reference, or a store the checks refuse (here a shared database without
        // its artifact store), refuses the start with its reason before anything is resolved.
        Assert.Null(EarlyResolution.Begin(Configuration(("Kiln:Model:Source", source), ("Kiln:Registry:Store", store)), fixture.ScratchDirectory));
    }

    [Fact]
    public async Task SettingsAddedAfterTheServiceIsRegisteredAreTheOnesServed()
    {
        // The early resolution begins for the champion (v1); the source a later provider sets, the challenger (v2), is what is served.
        using var registry = new TestRegistry(fixture.ModelPath);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(fixture.Settings(
            ("Kiln:Model:Path", null), ("Kiln:Model:Source", "models:/churn@champion"), ("Kiln:Registry:Store", "sqlite:" + registry.DatabasePath)));
        builder.AddKilnServing();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kiln:Model:Source"] = "models:/churn@challenger" });

        await using var app = await ServingHost.StartAsync(builder, web => web.MapInferenceApi(), TestContext.Current.CancellationToken);
        await app.Services.GetRequiredService<ModelLoader>().Loading;
        using var client = app.GetTestClient();
        using var challenger = await client.GetAsync("/v2/models/churn/versions/2/ready", TestContext.Current.CancellationToken);
        using var champion = await client.GetAsync("/v2/models/churn/versions/1/ready", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, challenger.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, champion.StatusCode);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

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
