namespace Kiln.Targets.Tests;

public sealed class ParameterTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private int Run(params string[] args) => _host.RunWithDefaults<Parameters>(args, x => x.Show);

    [Fact]
    public void CommandLineBeatsEnvironmentBeatsProfileBeatsParametersJsonBeatsInitializer()
    {
        Assert.Equal(0, Run());
        Assert.Contains("Configuration=Debug", _host.Output, StringComparison.Ordinal);

        _host.WriteFile(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "Configuration": "Release", "Retries": 2 }""");
        Assert.Equal(0, Run());
        Assert.Contains("Configuration=Release Retries=2", _host.Output, StringComparison.Ordinal);

        _host.WriteFile(".nuke/parameters.ci.json", """{ "Configuration": "Profile" }""");
        Assert.Equal(0, Run("--profile", "ci"));
        Assert.Contains("Configuration=Profile Retries=2", _host.Output, StringComparison.Ordinal);

        _host.Environment["Configuration"] = "Debug";
        Assert.Equal(0, Run("--profile", "ci"));
        Assert.Contains("Configuration=Debug Retries=2", _host.Output, StringComparison.Ordinal);

        Assert.Equal(0, Run("--profile", "ci", "--configuration", "release"));
        Assert.Contains("Configuration=Release Retries=2", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LaterProfilesOverrideEarlierOnes()
    {
        _host.WriteFile(".nuke/parameters.a.json", """{ "Retries": 3, "DockerHost": "unix:///a.sock" }""");
        _host.WriteFile(".nuke/parameters.b.json", """{ "Retries": 4 }""");
        Assert.Equal(0, Run("--profile", "a", "--profile", "b"));
        Assert.Contains("Retries=4 DockerHost=unix:///a.sock", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentVariablesMatchTheMemberNameOrItsUpperSnakeCase()
    {
        _host.Environment["DOCKER_HOST"] = "tcp://127.0.0.1:2375";
        _host.Environment["TAGS"] = "a b  c";
        Assert.Equal(0, Run());
        Assert.Contains("DockerHost=tcp://127.0.0.1:2375", _host.Output, StringComparison.Ordinal);
        Assert.Contains("Tags=a,b,c", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BoolFlagAloneMeansTrueAndAcceptsAnExplicitFalse()
    {
        Assert.Equal(0, Run("--dry-run"));
        Assert.Contains("DryRun=True", _host.Output, StringComparison.Ordinal);

        Assert.Equal(0, Run("--dry-run", "false"));
        Assert.Contains("DryRun=False", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ArraysTakeValuesUntilTheNextOptionAndScalarsLeaveTheRestAsTargets()
    {
        Assert.Equal(0, Run("--tags", "x", "y", "--configuration", "Release", "Show"));
        Assert.Contains("Tags=x,y", _host.Output, StringComparison.Ordinal);
        Assert.Contains("Configuration=Release", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PathsAreResolvedAgainstTheWorkingDirectoryAndExplicitNamesAreHonoured()
    {
        Assert.Equal(0, Run("--out", "artifacts/x", "--input-files", "a.csv"));
        Assert.Contains($"Output={Path.Combine(_host.Root, "artifacts", "x")}", _host.Output, StringComparison.Ordinal);
        Assert.Contains("InputFiles=a.csv", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueThatDoesNotConvertNamesParameterValueOriginAndExpectedType()
    {
        Assert.Equal(1, Run("--configuration", "Relase"));
        Assert.Contains("Parameter --configuration: value 'Relase' from the command line is not a valid Config (one of: Debug, Release, Profile).", _host.Output, StringComparison.Ordinal);

        _host.Environment["RETRIES"] = "many";
        Assert.Equal(1, Run());
        Assert.Contains("Parameter --retries: value 'many' from environment variable RETRIES is not a valid int", _host.Output, StringComparison.Ordinal);
        _host.Environment.Remove("RETRIES");

        _host.WriteFile(".nuke/parameters.json", """{ "DryRun": "perhaps" }""");
        Assert.Equal(1, Run());
        Assert.Contains("Parameter --dry-run: value 'perhaps' from .nuke/parameters.json is not a valid bool", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionNamesTheClosestParameters()
    {
        Assert.Equal(1, Run("--configuraton", "Release"));
        Assert.Contains("Unknown option --configuraton. Did you mean --configuration?", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingProfileAndBrokenJsonAreReportedWithTheirFile()
    {
        _host.WriteFile(".nuke/parameters.ci.json", "{}");
        Assert.Equal(1, Run("--profile", "prod"));
        Assert.Contains("Profile 'prod' has no file .nuke/parameters.prod.json. Known profiles: ci.", _host.Output, StringComparison.Ordinal);

        _host.WriteFile(".nuke/parameters.json", "{\n  \"Retries\": 2,\n  \"Configuration\" \"Release\"\n}");
        Assert.Equal(1, Run());
        Assert.Contains(".nuke/parameters.json:3: not valid JSON", _host.Output, StringComparison.Ordinal);

        _host.WriteFile(".nuke/parameters.json", """{ "Retrys": 2 }""");
        Assert.Equal(1, Run());
        Assert.Contains(".nuke/parameters.json: unknown parameter \"Retrys\". Did you mean Retries?", _host.Output, StringComparison.Ordinal);
    }

    internal enum Config
    {
        Debug,
        Release,
        Profile,
    }

    private sealed class Parameters : KilnBuild
    {
        [Parameter("Configuration")]
        readonly Config Configuration = Config.Debug;

        [Parameter("Retries")]
        readonly int Retries = 1;

        [Parameter("Docker endpoint")]
        readonly string? DockerHost;

        [Parameter("Tags")]
        readonly string[] Tags = [];

        [Parameter("Dry run")]
        readonly bool DryRun;

        [Parameter("Output directory", Name = "out")]
        AbsolutePath? Output { get; }

        [Parameter("Input files")]
        readonly string[] InputFiles = [];

        public Target Show => _ => _.Executes(() => Log.Information(
            $"Configuration={Configuration} Retries={Retries} DockerHost={DockerHost} Tags={string.Join(',', Tags)} DryRun={DryRun} Output={Output} InputFiles={string.Join(',', InputFiles)}"));
    }
}
