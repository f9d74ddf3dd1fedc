using System.Collections.Concurrent;
using System.Globalization;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;
using Kiln.Registry.Studies;

namespace Kiln.Registry.Tests;

/// <summary>
/// What every <see cref="IRegistryStore"/> must do for tuning studies, written against the interface and <see cref="ModelRegistry"/> only,
/// so a second backend runs the same facts by deriving from this class and opening its own store.
/// </summary>
public abstract class StudyStoreContractTests : IDisposable
{
    private static readonly StudyRecord Study = new("churn-abc", DateTimeOffset.UnixEpoch, "roc_auc", false, 4, "f1", "setup");

    // Short enough for tests to wait out, with the default's ratio of six beats per staleness window.
    private static readonly HeartbeatPolicy Fast = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(600));

    private RegistryBackend? _registry;

    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    // Made on first use, inside a test, so a missing server is that test's skip rather than a constructor failure.
    private RegistryBackend Temp => _registry ??= NewRegistry();

    public void Dispose()
    {
        _registry?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A store on the backend under test; each call is a new connection to the same registry, as another process would open.</summary>
    private static IRegistryStore OpenStore(RegistryBackend temp) => temp.OpenStore();

    [Fact]
    public void ClaimsNumbersInOrderUntilTheBudgetIsSpentAndSuggestsFromEveryEarlierTrial()
    {
        var store = OpenStore(Temp);
        store.OpenStudy(Study);

        var claims = Enumerable.Range(0, 5).Select(_ => store.ClaimTrial(Request(DateTimeOffset.UtcNow))).ToList();

        Assert.Equal([0, 1, 2, 3], claims.Take(4).Select(c => c!.Trial.Number));
        Assert.Null(claims[4]);
        Assert.Equal(["0", "1", "2", "3"], claims.Take(4).Select(c => c!.Trial.Parameters["seen"]));
        Assert.All(claims.Take(4), c => Assert.Equal((TrialState.Running, RunStatus.Running, 1), (c!.Trial.State, c.Trial.RunStatus, c.Trial.Attempt)));
        var run = store.FindRun(claims[0]!.Trial.RunId)!;
        Assert.Equal((RunKind.Tune, RunOwner.Current), (run.Kind, run.Owner));
    }

    [Fact]
    public void ConcurrentClaimsFromManyConnectionsNeverShareANumberAndRecordEveryTrialOnce()
    {
        OpenStore(Temp).OpenStudy(Study with { Budget = 40 });

        var numbers = new ConcurrentBag<int>();
        Parallel.For(0, 8, _ =>
        {
            var own = OpenStore(Temp);
            while (own.ClaimTrial(Request(DateTimeOffset.UtcNow)) is { } claim)
            {
                numbers.Add(claim.Trial.Number);
                Assert.True(own.FinishTrial(Complete(claim.Trial, 0.5)));
            }
        });

        Assert.Equal(Enumerable.Range(0, 40), numbers.Order());
        var trials = OpenStore(Temp).ListTrials(Study.Name);
        Assert.All(trials, t => Assert.Equal((TrialState.Complete, RunStatus.Succeeded, 1), (t.State, t.RunStatus, t.Attempt)));
        Assert.Equal(40, trials.Select(t => t.RunId).Distinct().Count());
    }

    [Fact]
    public async Task AClaimedTrialsRunHeartbeatsUntilTheTrialIsFinished()
    {
        var registry = Open(Fast);
        registry.Store.OpenStudy(Study);

        var claim = registry.ClaimTrial(Study.Name, new RunStart(RunKind.Tune), Suggest)!;
        var beating = await Eventually.TrueAsync(() => registry.GetRun(claim.Trial.RunId).HeartbeatAt > claim.Trial.StartedAt);
        Assert.True(registry.FinishTrial(Complete(claim.Trial, 0.81)));
        var lastBeat = registry.GetRun(claim.Trial.RunId).HeartbeatAt;
        await Task.Delay(Fast.Interval * 4, TestContext.Current.CancellationToken);

        Assert.True(beating, "the trial's run never heartbeat");
        var run = registry.GetRun(claim.Trial.RunId);
        Assert.Equal((RunStatus.Succeeded, lastBeat, 0.81), (run.Status, run.HeartbeatAt, run.Metrics["fold_0_roc_auc"]));
        var trial = Assert.Single(registry.ListTrials(Study.Name));
        Assert.Equal((TrialState.Complete, 0.81, run.EndedAt), (trial.State, trial.Value, trial.EndedAt));
    }

    [Fact]
    public void ATrialWhoseRemoteProcessStoppedHeartbeatingIsTakenBackWithItsParametersAndItsLateResultIsRefused()
    {
        var clock = new ManualClock(Now());
        var registry = Open(HeartbeatPolicy.Default, clock);
        registry.Store.OpenStudy(Study);
        var remote = registry.Store.ClaimTrial(Request(clock.Now, new RunOwner("build-agent-7", 4242, clock.Now.AddHours(-1))))!;

        clock.Advance(HeartbeatPolicy.Default.StaleAfter - TimeSpan.FromSeconds(1));
        var whileFresh = registry.ClaimTrial(Study.Name, new RunStart(RunKind.Tune), Suggest)!;
        clock.Advance(TimeSpan.FromSeconds(2));
        var retake = registry.ClaimTrial(Study.Name, new RunStart(RunKind.Tune), Suggest)!;

        Assert.Equal(1, whileFresh.Trial.Number);
        Assert.Equal((0, 2, remote.Trial.RunId), (retake.Trial.Number, retake.Trial.Attempt, retake.PreviousRunId));
        Assert.Equal(remote.Trial.Parameters["trainer.name"], retake.Trial.Parameters["trainer.name"]);
        Assert.Equal(RunStatus.Killed, registry.GetRun(remote.Trial.RunId).Status);
        Assert.Equal(RunOwner.Current, registry.GetRun(retake.Trial.RunId).Owner);
        Assert.False(registry.Store.FinishTrial(Complete(remote.Trial, 0.9)));
        Assert.True(registry.FinishTrial(Complete(retake.Trial, 0.8)));
        Assert.False(registry.Store.FinishTrial(Complete(retake.Trial, 0.7)));
        var trial = registry.ListTrials(Study.Name).Single(t => t.Number == 0);
        Assert.Equal((TrialState.Complete, 0.8, 0.8, RunStatus.Succeeded), (trial.State, trial.Value, trial.Metrics["fold_0_roc_auc"], trial.RunStatus));
    }

    [Fact]
    public void ATrialOfALiveProcessOnThisHostIsNotTakenBackEvenWhenItsHeartbeatIsStale()
    {
        var clock = new ManualClock(Now());
        var registry = Open(HeartbeatPolicy.Default, clock);
        registry.Store.OpenStudy(Study with { Budget = 1 });
        var mine = registry.Store.ClaimTrial(Request(clock.Now, RunOwner.Current))!;

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(registry.ClaimTrial(Study.Name, new RunStart(RunKind.Tune), Suggest));
        Assert.Equal(RunStatus.Running, registry.GetRun(mine.Trial.RunId).Status);
        Assert.Equal(mine.Trial.RunId, registry.ListTrials(Study.Name).Single().RunId);
    }

    [Fact]
    public void AReusedPidWithAnotherStartTimeDoesNotKeepATrialAlive()
    {
        var clock = new ManualClock(Now());
        var registry = Open(HeartbeatPolicy.Default, clock);
        registry.Store.OpenStudy(Study with { Budget = 1 });
        var reused = RunOwner.Current with { ProcessStartedAt = RunOwner.Current.ProcessStartedAt.AddMinutes(-5) };
        var dead = registry.Store.ClaimTrial(Request(clock.Now, reused))!;

        clock.Advance(HeartbeatPolicy.Default.StaleAfter + TimeSpan.FromSeconds(1));
        var retake = registry.ClaimTrial(Study.Name, new RunStart(RunKind.Tune), Suggest);

        Assert.Equal((0, 2, dead.Trial.RunId), (retake!.Trial.Number, retake.Trial.Attempt, retake.PreviousRunId));
        Assert.Equal(RunStatus.Killed, registry.GetRun(dead.Trial.RunId).Status);
    }

    [Fact]
    public void AnInterruptedTrialWhoseRunWasClosedAsFailedIsTakenBackAtOnce()
    {
        var registry = Open(HeartbeatPolicy.Default);
        registry.Store.OpenStudy(Study with { Budget = 1 });
        var interrupted = registry.ClaimTrial(Study.Name, new RunStart(RunKind.Tune), Suggest)!;

        registry.FinishRun(interrupted.Trial.RunId, RunStatus.Failed);
        var waiting = registry.ListTrials(Study.Name).Single();
        var retake = registry.ClaimTrial(Study.Name, new RunStart(RunKind.Tune), Suggest);

        Assert.True(waiting.IsAbandoned);
        Assert.Equal((0, 2, interrupted.Trial.RunId), (retake!.Trial.Number, retake.Trial.Attempt, retake.PreviousRunId));
        Assert.False(registry.FinishTrial(Complete(interrupted.Trial, 0.9)));
        Assert.True(registry.FinishTrial(Complete(retake.Trial, 0.7)));
    }

    [Fact]
    public void ARetriedFinishWithTheSameOutcomeIsRecordedOnceAndADifferentLateResultIsRefused()
    {
        var store = OpenStore(Temp);
        store.OpenStudy(Study with { Budget = 1 });
        var claim = store.ClaimTrial(Request(DateTimeOffset.UtcNow))!;
        var outcome = Complete(claim.Trial, 0.8);

        Assert.True(store.FinishTrial(outcome));
        var ended = store.FindRun(claim.Trial.RunId)!.EndedAt;
        Assert.True(store.FinishTrial(outcome with { EndedAt = outcome.EndedAt.AddSeconds(5) }));
        Assert.False(store.FinishTrial(Complete(claim.Trial, 0.7)));

        var trial = store.ListTrials(Study.Name).Single();
        Assert.Equal((TrialState.Complete, 0.8, 0.8, RunStatus.Succeeded, 1), (trial.State, trial.Value, trial.Metrics["fold_0_roc_auc"], trial.RunStatus, trial.Attempt));
        Assert.Equal(ended, store.FindRun(claim.Trial.RunId)!.EndedAt);
    }

    [Fact]
    public void AFailedTrialKeepsItsErrorAndFailsItsRunWithoutBeingTakenBack()
    {
        var store = OpenStore(Temp);
        store.OpenStudy(Study with { Budget = 1 });
        var claim = store.ClaimTrial(Request(DateTimeOffset.UtcNow))!;

        Assert.True(store.FinishTrial(new TrialOutcome(Study.Name, 0, claim.Trial.RunId, TrialState.Failed, null,
            new Dictionary<string, double> { ["duration_seconds"] = 0.5 }, "LightGbm rejected number_of_leaves=1", DateTimeOffset.UtcNow)));

        var trial = store.ListTrials(Study.Name).Single();
        Assert.Equal((TrialState.Failed, (double?)null, "LightGbm rejected number_of_leaves=1", RunStatus.Failed), (trial.State, trial.Value, trial.Error, trial.RunStatus));
        Assert.Null(store.ClaimTrial(Request(DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void RefusesToFinishATrialAsRunningOrWithANonFiniteMetricAndWritesNothing()
    {
        var store = OpenStore(Temp);
        store.OpenStudy(Study);
        var claim = store.ClaimTrial(Request(DateTimeOffset.UtcNow))!;

        var running = Assert.Throws<RegistryException>(() => store.FinishTrial(Complete(claim.Trial, 0.5) with { State = TrialState.Running }));
        var infinite = Assert.Throws<RegistryException>(() => store.FinishTrial(Complete(claim.Trial, double.NaN)));

        Assert.Contains("cannot be finished as running", running.Message, StringComparison.Ordinal);
        Assert.Contains("Metric 'fold_0_roc_auc' of trial 0 of study 'churn-abc' is NaN", infinite.Message, StringComparison.Ordinal);
        var trial = store.ListTrials(Study.Name).Single();
        Assert.Equal((TrialState.Running, RunStatus.Running), (trial.State, trial.RunStatus));
        Assert.Empty(trial.Metrics);
    }

    [Fact]
    public void ClaimingInAnUnknownStudyNamesItAndListingItIsEmpty()
    {
        var store = OpenStore(Temp);

        var error = Assert.Throws<RegistryEntryNotFoundException>(() => store.ClaimTrial(Request(DateTimeOffset.UtcNow)));

        Assert.Contains("Study 'churn-abc' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.ListTrials(Study.Name));
        Assert.Null(store.FindStudy(Study.Name));
    }

    [Fact]
    public void ReopeningAStudyRaisesItsBudgetAndRefusesAnotherSetupUnderTheSameName()
    {
        var store = OpenStore(Temp);
        store.OpenStudy(Study);

        Assert.Equal(10, store.OpenStudy(Study with { Budget = 10, CreatedAt = DateTimeOffset.UtcNow }).Budget);
        Assert.Equal(10, store.OpenStudy(Study with { Budget = 2 }).Budget);
        var error = Assert.Throws<RegistryException>(() => store.OpenStudy(Study with { Fingerprint = "f2" }));
        Assert.Contains("was created with another search setup or other data (fingerprint f1, now f2)", error.Message, StringComparison.Ordinal);
        Assert.Equal([Study with { Budget = 10 }], store.ListStudies());
    }

    [Fact]
    public void TheModelCardNamesTheStudyAndTrialTheTrainerCameFrom()
    {
        var registry = Open(HeartbeatPolicy.Default);
        var run = registry.StartRun(new RunStart(RunKind.Evaluate));
        registry.LogParameters(run, new Dictionary<string, string> { [StudyLineage.Study] = "churn-abc", [StudyLineage.Trial] = "12", [StudyLineage.Run] = "01TRIAL" });

        var version = registry.Register(RegistryBackend.Request(Temp.File("model.onnx")) with { SourceRunId = run });

        var card = File.ReadAllText(version.Version.Artifacts.Single(a => a.Name == Models.ModelCardWriter.FileName).StorePath);
        Assert.Contains("- Trainer tuned by: study `churn-abc`, trial 12 (run `01TRIAL`)", card, StringComparison.Ordinal);
    }

    private static IReadOnlyDictionary<string, string> Suggest(int number, IReadOnlyList<TrialRecord> trials) =>
        new Dictionary<string, string> { ["trainer.name"] = "LightGbm", ["seen"] = trials.Count.ToString(CultureInfo.InvariantCulture) };

    private static TrialClaimRequest Request(DateTimeOffset now, RunOwner? owner = null) =>
        new(Study.Name, RunId.New(now), new RunStart(RunKind.Tune), owner ?? RunOwner.Current, now, Suggest);

    private static TrialOutcome Complete(TrialRecord trial, double value) =>
        new(trial.Study, trial.Number, trial.RunId, TrialState.Complete, value, new Dictionary<string, double> { ["fold_0_roc_auc"] = value }, null, DateTimeOffset.UtcNow);

    // Whole milliseconds, as the registry stores times, so times read back compare equal.
    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private ModelRegistry Open(HeartbeatPolicy policy, TimeProvider? clock = null) =>
        new(OpenStore(Temp), new FileArtifactStore(Temp.StoreDirectory), clock, policy);
}
