using Kiln.Pipeline.Configuration;
using Kiln.Registry.Storage;

namespace Kiln.Pipeline.Tests;

/// <summary>registry.store in the configuration: a URI checked at load with the file and line, never carrying or printing a password.</summary>
public sealed class RegistryStoreConfigTests
{
    private static string Yaml(string registry) => TestWorkspace.ChurnYaml() + $"\nregistry:\n  model_name: churn\n{registry}";

    [Fact]
    public void DefaultsToTheEmbeddedSqliteFileUnderTheRepositoryRoot()
    {
        var config = KilnConfig.Parse(TestWorkspace.ChurnYaml(), "config/local.yaml");
        var options = new PipelineContext("/repo", config).RegistryOptions;

        Assert.Equal("sqlite:artifacts/registry/kiln.db", config.Registry.Store);
        Assert.Equal("sqlite:artifacts/registry/kiln.db", config.Parameters["registry.store"]);
        Assert.Equal("sqlite:/repo/artifacts/registry/kiln.db", options.StoreUri);
        Assert.Equal("/repo/artifacts/registry/kiln.db", options.DatabasePath);
    }

    [Fact]
    public void ReadsASharedPostgresStoreWithItsArtifactStoreAndThePasswordFromTheBuild()
    {
        var config = KilnConfig.Parse(Yaml("  store: postgres://kiln@db.internal:5432/kiln?sslmode=require\n  artifacts: s3://ml-bucket/kiln\n"), "config/prod.yaml");
        var options = new PipelineContext("/repo", config) { RegistryPassword = "from-the-secret-parameter" }.RegistryOptions;

        Assert.Equal("postgres://kiln@db.internal:5432/kiln?sslmode=require", options.StoreUri);
        Assert.Equal("from-the-secret-parameter", options.Postgres!.Password);
        Assert.DoesNotContain("from-the-secret-parameter", options.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            new PostgresLocation("db.internal", 5432, "kiln", "kiln", "require"),
            PostgresLocation.Parse(options.StoreUri, "registry.store"));
    }

    [Fact]
    public void TheRetiredPathKeyIsRefusedWithItsLineAndWhatToWriteInstead()
    {
        var error = Assert.Throws<ConfigException>(() => KilnConfig.Parse(Yaml("  path: artifacts/registry/kiln.db\n"), "config/local.yaml"));

        Assert.Equal(
            "config/local.yaml:17: 'registry.path' was replaced by 'registry.store', which takes a URI: write 'store: sqlite:artifacts/registry/kiln.db' (or postgres://user@host:5432/database for a shared registry)",
            error.Message);
    }

    [Fact]
    public void APasswordInTheUriIsRefusedWithoutBeingRepeated()
    {
        var error = Assert.Throws<ConfigException>(() =>
            KilnConfig.Parse(Yaml("  store: postgres://kiln:hunter2@db.internal:5432/kiln\n  artifacts: s3://ml-bucket/kiln\n"), "config/prod.yaml"));

        Assert.StartsWith("config/prod.yaml:17: 'registry.store' 'postgres://kiln:***@db.internal:5432/kiln' carries a password", error.Message, StringComparison.Ordinal);
        Assert.Contains("--registry-store-password (REGISTRY_STORE_PASSWORD)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASharedStoreWithoutASharedArtifactStoreIsRefused()
    {
        var error = Assert.Throws<ConfigException>(() => KilnConfig.Parse(Yaml("  store: postgres://kiln@db.internal/kiln\n"), "config/prod.yaml"));

        Assert.StartsWith("config/prod.yaml:17: 'registry.store' postgres://kiln@db.internal/kiln is shared, but 'registry.artifacts' is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("artifacts/registry/kiln.db", "has no scheme: expected sqlite:<file>")]
    [InlineData("mysql://kiln@db/kiln", "has unknown scheme 'mysql:'")]
    [InlineData("'sqlite:'", "names no file")]
    [InlineData("postgres://db.internal:5432/kiln", "names no user")]
    [InlineData("postgres://kiln@db.internal:5432/", "must name one database")]
    [InlineData("postgres://kiln@db.internal/kiln?sslmode=sometimes", "sslmode 'sometimes' is not one of disable, allow, prefer, require, verify-ca, verify-full")]
    [InlineData("postgres://kiln@db.internal/kiln?password=x", "has the unknown parameter 'password'")]
    public void AStoreUriKilnCannotOpenIsRefusedWithItsLine(string uri, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => KilnConfig.Parse(Yaml($"  store: {uri}\n  artifacts: s3://ml-bucket/kiln\n"), "config/prod.yaml"));

        Assert.StartsWith("config/prod.yaml:17: 'registry.store'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoresGivenAsBuildParametersReplaceTheFilesAndAreCheckedTheSameWay()
    {
        var config = KilnConfig.Parse(TestWorkspace.ChurnYaml(), "config/prod.yaml");

        var shared = config.Registry.WithStores("postgres://ci@10.0.0.5:6432/registry", "s3://ci-bucket/kiln", "--registry-store");
        var kept = config.Registry.WithStores("", null, "--registry-store");
        var error = Assert.Throws<ConfigException>(() => config.Registry.WithStores("postgres://ci@10.0.0.5/registry", "", "--registry-store / REGISTRY_STORE"));

        Assert.Equal(("postgres://ci@10.0.0.5:6432/registry", "s3://ci-bucket/kiln"), (shared.Store, shared.Artifacts));
        Assert.Equal(config.Registry, kept);
        Assert.StartsWith("--registry-store / REGISTRY_STORE: 'registry.store' postgres://ci@10.0.0.5/registry is shared, but 'registry.artifacts' is not set", error.Message, StringComparison.Ordinal);
    }
}
