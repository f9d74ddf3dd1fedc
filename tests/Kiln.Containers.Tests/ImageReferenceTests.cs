namespace Kiln.Containers.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("1.2.0", "1.2.0")]
    [InlineData("1.2.0-alpha.3", "1.2.0-alpha.3")]
    [InlineData("1.2.0+17", "1.2.0-17")]
    public void TagForKeepsSemVerAndReplacesBuildMetadataSeparator(string version, string tag) =>
        Assert.Equal(tag, ImageReference.TagFor(version));

    [Fact]
    public void TagForRejectsAVersionThatCannotBeATag()
    {
        var error = Assert.Throws<ContainerException>(() => ImageReference.TagFor("-1"));

        Assert.Contains("'-1' cannot be an image tag", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/kiln/churn:1.0.0", "127.0.0.1:5000/kiln/churn", "1.0.0")]
    [InlineData("127.0.0.1:5000/kiln/churn", "127.0.0.1:5000/kiln/churn", "latest")]
    public void SplitSeparatesRepositoryAndTagWithoutConfusingTheRegistryPort(string reference, string repository, string tag) =>
        Assert.Equal((repository, tag), ImageReference.Split(reference));

    [Theory]
    [InlineData("library/redis:7", "docker.io")]
    [InlineData("kiln/churn:1.0.0", "docker.io")]
    [InlineData("kiln-churn", "docker.io")]
    [InlineData("127.0.0.1:5000/kiln/churn:1.0.0", "127.0.0.1:5000")]
    [InlineData("localhost/kiln-churn", "localhost")]
    [InlineData("ghcr.io/acme/churn:2", "ghcr.io")]
    public void RegistryIsTheFirstComponentOnlyWhenItIsAHost(string reference, string registry) =>
        Assert.Equal(registry, ImageReference.Registry(reference));

    [Fact]
    public void RepositoryWithUpperCaseIsRejected()
    {
        var error = Assert.Throws<ContainerException>(() => ImageReference.CheckRepository("Kiln-Churn"));

        Assert.Contains("'Kiln-Churn' is not a valid image repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsNeverShowThePassword() =>
        Assert.DoesNotContain("hunter2", new RegistryCredentials("ci", "hunter2").ToString(), StringComparison.Ordinal);
}
