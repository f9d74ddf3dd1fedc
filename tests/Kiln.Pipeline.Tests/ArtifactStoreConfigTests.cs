using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tests;

/// <summary>registry.artifacts in the configuration: checked at load, with the file and line.</summary>
public sealed class ArtifactStoreConfigTests
{
    private static string Yaml(string artifacts) => TestWorkspace.ChurnYaml() + $"\nregistry:\n  model_name: churn\n  artifacts: {artifacts}\n";

    [Fact]
    public void KeepsTheStoreBesideTheDatabaseUnlessOneIsNamed()
    {
        var embedded = KilnConfig.Parse(TestWorkspace.ChurnYaml(), "config/local.yaml");
        var shared = KilnConfig.Parse(Yaml("s3://ml-bucket/kiln"), "config/prod.yaml");

        Assert.Null(embedded.Registry.Artifacts);
        Assert.Equal("s3://ml-bucket/kiln", shared.Registry.Artifacts);
        Assert.Equal("s3://ml-bucket/kiln", shared.Parameters["registry.artifacts"]);
        Assert.Equal(
            Path.Combine("/repo", "artifacts", "registry", "store"),
            new PipelineContext("/repo", embedded).RegistryOptions.StoreDirectory);
    }

    [Fact]
    public void RejectsAStoreUriItCannotOpenWithTheFileAndLine()
    {
        var error = Assert.Throws<ConfigException>(() => KilnConfig.Parse(Yaml("minio://ml-bucket/kiln"), "config/prod.yaml"));

        Assert.StartsWith("config/prod.yaml:17: 'registry.artifacts' 'minio://ml-bucket/kiln' has unknown scheme 'minio:'", error.Message, StringComparison.Ordinal);
    }
}
