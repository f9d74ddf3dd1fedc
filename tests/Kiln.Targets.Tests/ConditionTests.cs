namespace Kiln.Targets.Tests;

public sealed class ConditionTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void FalseStaticConditionSkipsTheTargetAndDependenciesNothingElseNeedsWithTheConditionAsReason()
    {
        Assert.Equal(0, _host.Run<Conditional>("Publish", "Report"));

        Assert.Equal(["Shared", "Report"], _host.Ran);
        Assert.Contains("Skipped: IsServerBuild", _host.Output, StringComparison.Ordinal);
        Assert.Contains("Skipped: only needed by skipped Publish", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void StaticConditionsAreEvaluatedBeforeAnythingRuns()
    {
        _host.Environment["CI"] = "true";
        Assert.Equal(0, _host.Run<Conditional>("Publish"));
        Assert.Equal(["Package", "Shared", "Publish"], _host.Ran);
    }

    [Fact]
    public void FalseDynamicConditionSkipsWithItsReadableText()
    {
        Assert.Equal(0, _host.Run<Conditional>("Score"));

        Assert.Empty(_host.Ran);
        Assert.Contains("Skipped: Inputs.Length > 0 && Threshold >= 0.5", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DisplayClass", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("value(", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DynamicConditionSeesWhatEarlierTargetsDid()
    {
        Assert.Equal(0, _host.Run<Conditional>("Score", "--inputs", "a.csv", "--threshold", "0.7"));
        Assert.Equal(["Score"], _host.Ran);
    }

    [Fact]
    public void MissingRequiredParameterFailsBeforeAnyTargetRunsAndSaysHowToPassIt()
    {
        Assert.Equal(1, _host.Run<Conditional>("Report", "Push"));

        Assert.Empty(_host.Ran);
        Assert.Contains("Target Push requires parameter RegistryPassword: pass --registry-password <value>, or set environment variable REGISTRY_PASSWORD", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FalseRequiredConditionFailsWithItsText()
    {
        Assert.Equal(1, _host.Run<Conditional>("Push", "--registry-password", "pw"));
        Assert.Contains("Target Push requires `Environment != Stage.Dev`, which is false.", _host.Output, StringComparison.Ordinal);

        Assert.Equal(0, _host.Run<Conditional>("Push", "--registry-password", "pw", "--environment", "prod"));
        Assert.Equal(["Push"], _host.Ran);
    }

    internal enum Stage
    {
        Dev,
        Prod,
    }

    private sealed class Conditional : KilnBuild
    {
        [Parameter("Files")]
        readonly string[] Inputs = [];

        [Parameter("Score threshold")]
        readonly double Threshold = 0.5;

        [Parameter("Password")]
        [Secret]
        readonly string? RegistryPassword;

        [Parameter("Stage")]
        readonly Stage Environment = Stage.Dev;

        Target Package => _ => _.Executes(() => Log.Information("ran:Package"));

        Target Shared => _ => _.Executes(() => Log.Information("ran:Shared"));

        Target Publish => _ => _.DependsOn(Package, Shared).OnlyWhenStatic(() => IsServerBuild).Executes(() => Log.Information("ran:Publish"));

        Target Report => _ => _.DependsOn(Shared).Executes(() => Log.Information("ran:Report"));

        Target Score => _ => _.OnlyWhenDynamic(() => Inputs.Length > 0 && Threshold >= 0.5).Executes(() => Log.Information("ran:Score"));

        Target Push => _ => _.Requires(() => RegistryPassword).Requires(() => Environment != Stage.Dev).Executes(() => Log.Information("ran:Push"));
    }
}
