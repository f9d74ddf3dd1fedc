using Kiln.Hashing;


namespace Kiln.Registry.Tests;

/// <summary>Resolving references through every store: aliases, versions, latest, files, and what is reported when something is missing or damaged.</summary>
public abstract class ResolutionTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    [Fact]
    public void AliasVersionLatestAndPathReferencesResolveToTheRightFile()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var v1 = registry.Register(TempRegistry.Request(temp.File("model.onnx", 1))).Version;
        var v2 = registry.Register(TempRegistry.Request(temp.File("model.onnx", 2))).Version;
        registry.SetAlias("churn", "champion", 1);
        var plain = temp.File("local.onnx", 3);

        var byAlias = registry.Resolve("models:/churn@champion");
        var byVersion = registry.Resolve("models:/churn/2");
        var latest = registry.Resolve("models:/churn/latest");
        var byPath = registry.Resolve(plain);

        Assert.Equal((v1.Model.StorePath, v1.Model.Sha256, 1), (byAlias.Path, byAlias.ExpectedSha256, byAlias.Version!.Version));
        Assert.Equal((v2.Model.StorePath, 2), (byVersion.Path, byVersion.Version!.Version));
        Assert.Equal(2, latest.Version!.Version);
        Assert.Equal((plain, (string?)null), (byPath.Path, byPath.ExpectedSha256));
        Assert.Equal(v1.Model.StorePath, byAlias.Verify());
        Assert.Equal(plain, byPath.Verify());
    }

    [Fact]
    public void CorruptedArtifactIsReportedWithItsPathAndExpectedHash()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var version = registry.Register(TempRegistry.Request(temp.File("model.onnx"))).Version;
        File.WriteAllText(version.Model.StorePath, "not a model any more");

        var error = Assert.Throws<ArtifactIntegrityException>(() => registry.ResolveVerified("models:/churn/1"));

        Assert.Equal(version.Model.StorePath, error.Path);
        Assert.Contains(version.Model.StorePath, error.Message, StringComparison.Ordinal);
        Assert.Contains($"expected sha256 {version.Model.Sha256}", error.Message, StringComparison.Ordinal);
        Assert.Equal(FileHash.Sha256(version.Model.StorePath), error.ActualSha256);
    }

    [Fact]
    public void MissingArtifactIsReportedWithItsPathAndExpectedHash()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var version = registry.Register(TempRegistry.Request(temp.File("model.onnx"))).Version;
        File.Delete(version.Model.StorePath);

        var error = Assert.Throws<ArtifactIntegrityException>(() => registry.ResolveVerified("models:/churn/1"));

        Assert.Null(error.ActualSha256);
        Assert.Contains($"'{version.Model.StorePath}' is missing (expected sha256 {version.Model.Sha256})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownModelAliasAndVersionListWhatExists()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var empty = Assert.Throws<RegistryEntryNotFoundException>(() => registry.Resolve("models:/churn@champion"));
        registry.Register(TempRegistry.Request(temp.File("model.onnx", 1)));
        registry.Register(TempRegistry.Request(temp.File("model.onnx", 2), name: "fraud"));
        registry.SetAlias("churn", "challenger", 1);

        var model = Assert.Throws<RegistryEntryNotFoundException>(() => registry.Resolve("models:/chrun@champion"));
        var alias = Assert.Throws<RegistryEntryNotFoundException>(() => registry.Resolve("models:/churn@champion"));
        var version = Assert.Throws<RegistryEntryNotFoundException>(() => registry.Resolve("models:/churn/5"));

        Assert.Contains("no models are registered yet", empty.Message, StringComparison.Ordinal);
        Assert.Contains("'chrun' is not registered", model.Message, StringComparison.Ordinal);
        Assert.Contains("registered models: churn, fraud", model.Message, StringComparison.Ordinal);
        Assert.Contains("no alias 'champion'", alias.Message, StringComparison.Ordinal);
        Assert.Contains("challenger → v1", alias.Message, StringComparison.Ordinal);
        Assert.Contains("versions are 1", version.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("models:/churn")]
    [InlineData("models:/churn/0")]
    [InlineData("models:/churn/two")]
    [InlineData("models:/churn@")]
    [InlineData("models:/churn@3")]
    public void MalformedReferencesAreRejectedWithTheAcceptedForms(string reference)
    {
        using var temp = NewRegistry();
        var registry = temp.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Resolve(reference));

        Assert.Contains($"'{reference}' is malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPlainFileIsNamed()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var path = Path.Combine(temp.Directory, "gone.onnx");

        var error = Assert.Throws<RegistryException>(() => registry.ResolveVerified(path));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
