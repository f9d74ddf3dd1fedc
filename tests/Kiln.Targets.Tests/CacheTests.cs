namespace Kiln.Targets.Tests;

public sealed class CacheTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void UpToDateTargetIsReportedWithItsReasonAndNotExecuted()
    {
        _host.WriteFile("features.ok", string.Empty);
        _host.WriteFile("train.ok", string.Empty);
        Assert.Equal(0, _host.Run<Stages>("Train"));

        Assert.Empty(_host.Ran);
        Assert.Matches(@"Train\s+Up to date: model matches features and params", _host.Output);
    }

    [Fact]
    public void StaleTargetPrintsWhyAndRuns()
    {
        _host.WriteFile("features.ok", string.Empty);
        Assert.Equal(0, _host.Run<Stages>("Train"));

        Assert.Equal(["Train"], _host.Ran);
        Assert.Contains("Running: params changed: trainer.learning_rate 0.05 -> 0.1", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ForceRerunsUpToDateTargets()
    {
        _host.WriteFile("features.ok", string.Empty);
        _host.WriteFile("train.ok", string.Empty);
        Assert.Equal(0, _host.Run<Stages>("Train", "--force"));
        Assert.Equal(["Features", "Train"], _host.Ran);
    }

    [Fact]
    public void PlanShowsDownstreamStageStaleOnceItsUpstreamRerunsWithoutAskingItsCheck()
    {
        _host.WriteFile("train.ok", string.Empty);
        Assert.Equal(0, _host.Run<Stages>("Evaluate", "--plan"));

        Assert.Matches(@"Features\s+dependency of Train\s+stale: raw data changed", _host.Output);
        Assert.Matches(@"Train\s+dependency of Evaluate\s+stale once Features reruns", _host.Output);
        Assert.Matches(@"Evaluate\s+requested\s+will run", _host.Output);
        Assert.DoesNotContain("checked:Train", _host.Output, StringComparison.Ordinal);
        Assert.Empty(_host.Ran);
    }

    [Fact]
    public void PlanAsksTheCheckWhenUpstreamIsCurrent()
    {
        _host.WriteFile("features.ok", string.Empty);
        _host.WriteFile("train.ok", string.Empty);
        Assert.Equal(0, _host.Run<Stages>("Evaluate", "--plan"));
        Assert.Matches(@"Train\s+dependency of Evaluate\s+up to date: model matches features and params", _host.Output);
    }

    private sealed class Stages : KilnBuild
    {
        Target Features => _ => _
            .Cached(() => File.Exists(RootDirectory / "features.ok") ? new(true, "raw data unchanged") : new(false, "raw data changed"))
            .Executes(() => Log.Information("ran:Features"));

        Target Train => _ => _
            .DependsOn(Features)
            .Cached(() =>
            {
                Log.Information("checked:Train");
                return File.Exists(RootDirectory / "train.ok")
                    ? new(true, "model matches features and params")
                    : new(false, "params changed: trainer.learning_rate 0.05 -> 0.1");
            })
            .Executes(() => Log.Information("ran:Train"));

        Target Evaluate => _ => _.DependsOn(Train).Executes(() => Log.Information("ran:Evaluate"));
    }
}
