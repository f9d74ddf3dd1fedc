namespace Kiln.Targets.Tests;

public sealed class SecretTests : IDisposable
{
    private const string Password = "s3cr3t-Pa55";
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void HelpMarksTheSecretWithoutShowingItsValue()
    {
        Assert.Equal(0, _host.Run<WithSecret>("--help", "--registry-password", Password));
        Assert.Contains("--registry-password", _host.Output, StringComparison.Ordinal);
        Assert.Contains("secret", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("initial-secret", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LogLinesAndChildProcessOutputMaskTheSecret()
    {
        _host.Environment["REGISTRY_PASSWORD"] = Password;
        Assert.Equal(0, _host.Run<WithSecret>("Push"));

        Assert.DoesNotContain(Password, _host.Output, StringComparison.Ordinal);
        Assert.Contains("logging in with *****", _host.Output, StringComparison.Ordinal);
        Assert.Contains("child says *****", _host.Output, StringComparison.Ordinal);
        Assert.Contains("Build succeeded", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanAndFailureMessagesMaskTheSecret()
    {
        Assert.Equal(0, _host.Run<WithSecret>("Fail", "--plan", "--registry-password", Password));
        Assert.DoesNotContain(Password, _host.Output, StringComparison.Ordinal);
        Assert.Contains("Deploy to *****", _host.Output, StringComparison.Ordinal);

        Assert.Equal(1, _host.Run<WithSecret>("Fail", "--registry-password", Password));
        Assert.Contains("Target Fail failed: login refused for *****", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConversionErrorOfASecretDoesNotEchoTheValue()
    {
        Assert.Equal(1, _host.Run<WithSecret>("Push", "--pin", "12x4"));
        Assert.Contains("Parameter --pin: value (secret) from the command line is not a valid int", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("12x4", _host.Output, StringComparison.Ordinal);
    }

    private sealed class WithSecret : KilnBuild
    {
        [Parameter("Registry password")]
        [Secret]
        readonly string RegistryPassword = "initial-secret";

        [Parameter("PIN")]
        [Secret]
        readonly int? Pin;

        Target Push => _ => _.Executes(async cancellationToken =>
        {
            Log.Information($"logging in with {RegistryPassword}");
            var result = await ProcessTasks.Run("sh", ["-c", "echo child says $SECRET_FOR_CHILD"], RootDirectory,
                new Dictionary<string, string> { ["SECRET_FOR_CHILD"] = RegistryPassword }, cancellationToken);
            Assert.Equal($"child says {RegistryPassword}", result.Output.Single());
        });

        Target Fail => _ => _.OnlyWhenDynamic(() => RegistryPassword != "Deploy to " + RegistryPassword)
            .Cached(() => new CacheStatus(false, $"Deploy to {RegistryPassword}"))
            .Executes(() => throw new InvalidOperationException($"login refused for {RegistryPassword}"));
    }
}
