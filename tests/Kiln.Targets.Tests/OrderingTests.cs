using Kiln.Targets.Tests.Lifecycle;

namespace Kiln.Targets.Tests;

public sealed class OrderingTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void RunsDependenciesFirstAndBreaksTiesByDeclarationOrder()
    {
        Assert.Equal(0, _host.Run<Chain>("Pack"));
        Assert.Equal(["Restore", "Generate", "Compile", "Pack"], _host.Ran);
    }

    [Fact]
    public void AfterAndBeforeOrderTargetsWithoutPullingThemIn()
    {
        Assert.Equal(0, _host.Run<Ordered>("Publish", "Clean", "Lint"));
        Assert.Equal(["Clean", "Lint", "Publish"], _host.Ran);

        Assert.Equal(0, _host.Run<Ordered>("Publish"));
        Assert.Equal(["Publish"], _host.Ran);
    }

    [Fact]
    public void TriggersAndTriggeredByAddTargetsAfterTheTrigger()
    {
        Assert.Equal(0, _host.Run<Triggering>("Deploy"));
        Assert.Equal(["Deploy", "Notify", "Audit"], _host.Ran);
    }

    [Fact]
    public void TargetNamesOnTheCommandLineAreCaseInsensitiveAndMayBeSeveral()
    {
        Assert.Equal(0, _host.Run<Chain>("generate", "--target", "RESTORE"));
        Assert.Equal(["Restore", "Generate"], _host.Ran);
    }

    [Fact]
    public void RunsTheDefaultTargetWhenNoneIsNamed()
    {
        Assert.Equal(0, _host.RunWithDefaults<Chain>([], x => x.Compile));
        Assert.Equal(["Restore", "Generate", "Compile"], _host.Ran);
    }

    [Fact]
    public void UnknownTargetFailsAndNamesTheClosestTargets()
    {
        Assert.Equal(1, _host.Run<Chain>("Compiel"));
        Assert.Contains("Unknown target 'Compiel'. Did you mean Compile?", _host.Output, StringComparison.Ordinal);
        Assert.Empty(_host.Ran);
    }

    [Fact]
    public void DependencyCycleIsReportedWithItsPath()
    {
        Assert.Equal(1, _host.Run<Cyclic>("A"));
        Assert.Contains("Dependency cycle: A -> B -> C -> A", _host.Output, StringComparison.Ordinal);
        Assert.Empty(_host.Ran);
    }

    [Fact]
    public void BareSkipSkipsEveryDependencyOfTheRequestedTargets()
    {
        Assert.Equal(0, _host.Run<Chain>("Pack", "--skip"));
        Assert.Equal(["Pack"], _host.Ran);
        Assert.Contains("Skipped: --skip", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipWithNamesSkipsOnlyThose()
    {
        Assert.Equal(0, _host.Run<Chain>("Pack", "--skip", "generate"));
        Assert.Equal(["Restore", "Compile", "Pack"], _host.Ran);
    }

    [Fact]
    public void HelpListsTargetsInLifecycleOrderWhicheverFileDeclaresThem()
    {
        Assert.Equal(0, _host.Run<LifecycleBuild>("--help"));

        // Clean before what it must precede; each stage after the one it depends on; the main line before a branch of the
        // same stage (Evaluate, Predict); then standalone targets by the stage of the concern (file) declaring them.
        Assert.Equal(
            ["Clean", "Features", "Train", "Tune", "Evaluate", "Predict", "Register", "Containerize", "Deploy",
             "Profile", "Models", "Runs", "Test", "Workflows", "Serve", "Dashboard"],
            ListedTargets(_host.Output));
    }

    [Fact]
    public void ARunBreaksTiesInTheSameLifecycleOrder()
    {
        Assert.Equal(0, _host.Run<LifecycleBuild>("Workflows", "Models", "Predict", "Evaluate", "Test", "Clean"));

        Assert.Equal(["Clean", "Features", "Train", "Evaluate", "Predict", "Models", "Test", "Workflows"], _host.Ran);
    }

    [Fact]
    public void ListsStagesInDependencyOrderAndStandaloneTargetsAfterThemInDeclarationOrder()
    {
        Assert.Equal(0, _host.Run<Rearranged>("--help"));

        Assert.Equal(["Restore", "Compile", "Pack", "Lint", "Format"], ListedTargets(_host.Output));
    }

    private static List<string> ListedTargets(string help) =>
    [
        .. help.Split('\n')
            .SkipWhile(l => !l.StartsWith("Targets", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("Parameters", StringComparison.Ordinal))
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Trim().Split(' ')[0]),
    ];

    private sealed class Rearranged : KilnBuild
    {
        Target Pack => _ => _.Description("Pack").DependsOn(Compile).Executes(() => Log.Information("ran:Pack"));

        Target Lint => _ => _.Description("Lint").After(Compile).Executes(() => Log.Information("ran:Lint"));

        Target Compile => _ => _.Description("Compile").DependsOn(Restore).Executes(() => Log.Information("ran:Compile"));

        Target Format => _ => _.Description("Format").Executes(() => Log.Information("ran:Format"));

        Target Restore => _ => _.Description("Restore").Executes(() => Log.Information("ran:Restore"));
    }

    private sealed class Chain : KilnBuild
    {
        Target Restore => _ => _.Executes(() => Log.Information("ran:Restore"));

        Target Generate => _ => _.Executes(() => Log.Information("ran:Generate"));

        public Target Compile => _ => _.DependsOn(Generate, Restore).Executes(() => Log.Information("ran:Compile"));

        Target Pack => _ => _.DependsOn(Compile).Executes(() => Log.Information("ran:Pack"));
    }

    private sealed class Ordered : KilnBuild
    {
        Target Publish => _ => _.After(Lint).Executes(() => Log.Information("ran:Publish"));

        Target Lint => _ => _.Executes(() => Log.Information("ran:Lint"));

        Target Clean => _ => _.Before(Lint, Publish).Executes(() => Log.Information("ran:Clean"));
    }

    private sealed class Triggering : KilnBuild
    {
        Target Audit => _ => _.TriggeredBy(Notify).Executes(() => Log.Information("ran:Audit"));

        Target Notify => _ => _.Executes(() => Log.Information("ran:Notify"));

        Target Deploy => _ => _.Triggers(Notify).Executes(() => Log.Information("ran:Deploy"));
    }

    private sealed class Cyclic : KilnBuild
    {
        Target A => _ => _.DependsOn(B).Executes(() => Log.Information("ran:A"));

        Target B => _ => _.DependsOn(C).Executes(() => Log.Information("ran:B"));

        Target C => _ => _.After(A).Executes(() => Log.Information("ran:C"));
    }
}
