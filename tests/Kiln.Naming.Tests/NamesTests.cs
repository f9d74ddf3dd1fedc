namespace Kiln.Naming.Tests;

public sealed class NamesTests
{
    [Theory]
    [InlineData("RegistryPassword", "registry-password")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("Env", "env")]
    public void KebabSpellsAMemberAsACommandLineOption(string member, string option) =>
        Assert.Equal(option, Names.Kebab(member));

    [Theory]
    [InlineData("DockerHost", "DOCKER_HOST")]
    [InlineData("TestFilter", "TEST_FILTER")]
    public void UpperSnakeSpellsAMemberAsAnEnvironmentVariable(string member, string variable) =>
        Assert.Equal(variable, Names.UpperSnake(member));

    [Fact]
    public void KeyMatchesEverySpellingOfAName() =>
        Assert.Equal(["registrypassword"], new[] { "RegistryPassword", "registry-password", "REGISTRY_PASSWORD", "--registry-password" }.Select(Names.Key).Distinct());
}
