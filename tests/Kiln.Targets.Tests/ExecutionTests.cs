namespace Kiln.Targets.Tests;

public sealed class ExecutionTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void FailingTargetStopsTheRunMarksDependentsNotRunAndExitsWithOne()
    {
        Assert.Equal(1, _host.Run<Failing>("Package", "Independent"));

        Assert.Equal(["Compile"], _host.Ran);
        Assert.Matches(@"Package\s+Not run", _host.Output);
        Assert.Matches(@"Independent\s+Not run", _host.Output);
        Assert.Matches(@"Compile\s+Failed", _host.Output);
        Assert.Contains("Build failed: Compile", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ProceedAfterFailureLetsIndependentTargetsRunButNotDependents()
    {
        Assert.Equal(1, _host.Run<Failing>("Package", "Independent", "--proceed"));

        Assert.Equal(["Compile", "Independent"], _host.Ran);
        Assert.Matches(@"Package\s+Not run", _host.Output);
    }

    [Fact]
    public void AssuredAfterFailureTargetsStillRun()
    {
        Assert.Equal(1, _host.Run<Failing>("Package", "Cleanup"));
        Assert.Equal(["Compile", "Cleanup"], _host.Ran);
    }

    [Fact]
    public void ExceptionPrintsItsMessagesWithoutAStackTraceUnlessVerbose()
    {
        Assert.Equal(1, _host.Run<Failing>("Compile"));
        Assert.Contains("Target Compile failed: compiler crashed", _host.Output, StringComparison.Ordinal);
        Assert.Contains("caused by: disk full", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", _host.Output, StringComparison.Ordinal);

        Assert.Equal(1, _host.Run<Failing>("Compile", "--verbose"));
        Assert.Contains(" at ", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AbortCancelsTheRunningTargetPrintsTheSummaryAndExitsWith130()
    {
        Aborting.Aborter = _host.Abort;
        Assert.Equal(130, _host.Run<Aborting>("Last"));

        Assert.Matches(@"Slow\s+Aborted", _host.Output);
        Assert.Matches(@"Last\s+Not run", _host.Output);
        Assert.Contains("Build aborted", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SuccessfulRunPrintsASummaryWithEveryTargetAndATotal()
    {
        Assert.Equal(0, _host.Run<Failing>("Independent"));
        Assert.Matches(@"Independent\s+Succeeded\s+\d:\d\d\.\d{3}", _host.Output);
        Assert.Matches(@"Total\s+\d:\d\d\.\d{3}", _host.Output);
    }

    private sealed class Failing : KilnBuild
    {
        [Parameter("Let the run continue after Compile fails")]
        readonly bool Proceed;

        Target Compile => _ =>
        {
            var definition = _.Executes(() =>
            {
                Log.Information("ran:Compile");
                throw new InvalidOperationException("compiler crashed", new IOException("disk full"));
            });
            return Proceed ? definition.ProceedAfterFailure() : definition;
        };

        Target Package => _ => _.DependsOn(Compile).Executes(() => Log.Information("ran:Package"));

        Target Independent => _ => _.After(Compile).Executes(() => Log.Information("ran:Independent"));

        Target Cleanup => _ => _.After(Package).AssuredAfterFailure().Executes(() => Log.Information("ran:Cleanup"));
    }

    private sealed class Aborting : KilnBuild
    {
        Target Slow => _ => _.Executes(async cancellationToken =>
        {
            // Simulates Ctrl-C arriving while the target works.
            Aborter.CancelAfter(50);
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        });

        Target Last => _ => _.DependsOn(Slow).Executes(() => Log.Information("ran:Last"));

        public static CancellationTokenSource Aborter { get; set; } = new();
    }
}
