using System.Globalization;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;
using Kiln.Registry.Studies;

namespace Kiln.Registry.Tests;

public sealed class StudyStoreTests
{
    private static readonly StudyRecord Study = new("churn-abc", DateTimeOffset.UnixEpoch, "roc_auc", false, 4, "f1", "setup");

    private static TrialClaimRequest Request(string owner, DateTimeOffset now, Func<TrialRecord, bool>? abandoned = null) => new(
        Study.Name, owner, RunId.New(now), new RunStart(RunKind.Tune), now, abandoned ?? (_ => false),
        (number, trials) => new Dictionary<string, string> { ["trainer.name"] = "LightGbm", ["seen"] = trials.Count.ToString(CultureInfo.InvariantCulture) });

    private static TrialOutcome Complete(int number, string owner, double value) =>
        new(Study.Name, number, owner, TrialState.Complete, value, new Dictionary<string, double> { ["fold_0_roc_auc"] = value }, null, DateTimeOffset.UtcNow);

    [Fact]
    public void ClaimsNumbersInOrderUntilTheBudgetIsSpent()
    {
        using var temp = new TempRegistry();
        var store = new SqliteRegistryStore(temp.Options);
        store.OpenStudy(Study);

        var claims = Enumerable.Range(0, 5).Select(_ => store.ClaimTrial(Request("w/1/1", DateTimeOffset.UtcNow))).ToList();

        Assert.Equal([0, 1, 2, 3], claims.Take(4).Select(c => c!.Trial.Number));
        Assert.Null(claims[4]);
        // The suggestion saw every earlier claim: it runs inside the claim's transaction.
        Assert.Equal(["0", "1", "2", "3"], claims.Take(4).Select(c => c!.Trial.Parameters["seen"]));
        Assert.All(claims.Take(4), c => Assert.Equal(RunStatus.Running, store.FindRun(c!.Trial.RunId)!.Status));
    }

    [Fact]
    public void ConcurrentClaimsFromManyThreadsNeverShareANumber()
    {
        using var temp = new TempRegistry();
        var store = new SqliteRegistryStore(temp.Options);
        store.OpenStudy(Study with { Budget = 40 });

        var numbers = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 8, worker =>
        {
            var own = new SqliteRegistryStore(temp.Options);
            while (own.ClaimTrial(Request($"w/{worker}/1", DateTimeOffset.UtcNow)) is { } claim)
            {
                numbers.Add(claim.Trial.Number);
                Assert.True(own.FinishTrial(Complete(claim.Trial.Number, $"w/{worker}/1", 0.5)));
            }
        });

        Assert.Equal(Enumerable.Range(0, 40), numbers.Order());
        Assert.All(store.ListTrials(Study.Name), t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void TakesBackAnExpiredLeaseAndRefusesTheOldOwnersLateResult()
    {
        using var temp = new TempRegistry();
        var store = new SqliteRegistryStore(temp.Options);
        store.OpenStudy(Study);
        var start = DateTimeOffset.UtcNow;
        var first = store.ClaimTrial(Request("remote/10/1", start))!;

        var lease = TimeSpan.FromSeconds(30);
        var retake = store.ClaimTrial(Request("local/20/1", start + TimeSpan.FromMinutes(1), t => start + TimeSpan.FromMinutes(1) - t.HeartbeatAt > lease))!;

        Assert.Equal((0, 2, first.Trial.RunId), (retake.Trial.Number, retake.Trial.Attempt, retake.PreviousRunId));
        Assert.Equal(RunStatus.Killed, store.FindRun(first.Trial.RunId)!.Status);
        Assert.Equal("LightGbm", store.FindRun(retake.Trial.RunId)!.Parameters["trainer.name"]);
        Assert.False(store.FinishTrial(Complete(0, "remote/10/1", 0.9)));
        Assert.False(store.RenewTrialLease(Study.Name, 0, "remote/10/1", DateTimeOffset.UtcNow));
        Assert.True(store.FinishTrial(Complete(0, "local/20/1", 0.8)));
        Assert.False(store.FinishTrial(Complete(0, "local/20/1", 0.7)));
        var trial = store.ListTrials(Study.Name).Single();
        Assert.Equal((TrialState.Complete, 0.8, 0.8), (trial.State, trial.Value, trial.Metrics["fold_0_roc_auc"]));
        Assert.Equal(RunStatus.Succeeded, store.FindRun(trial.RunId)!.Status);
    }

    [Fact]
    public void ALiveLeaseIsNotTakenAndARenewalKeepsItAlive()
    {
        using var temp = new TempRegistry();
        var store = new SqliteRegistryStore(temp.Options);
        store.OpenStudy(Study with { Budget = 1 });
        var claim = store.ClaimTrial(Request("a/1/1", DateTimeOffset.UtcNow))!;
        var renewedAt = DateTimeOffset.UtcNow.AddSeconds(5);

        Assert.True(store.RenewTrialLease(Study.Name, 0, "a/1/1", renewedAt));
        Assert.Null(store.ClaimTrial(Request("b/2/1", renewedAt, t => renewedAt - t.HeartbeatAt > TimeSpan.FromSeconds(1))));
        Assert.Equal(claim.Trial.RunId, store.ListTrials(Study.Name).Single().RunId);
    }

    [Fact]
    public void ReopeningAStudyRaisesItsBudgetAndRefusesAnotherSetupUnderTheSameName()
    {
        using var temp = new TempRegistry();
        var store = new SqliteRegistryStore(temp.Options);
        store.OpenStudy(Study);

        Assert.Equal(10, store.OpenStudy(Study with { Budget = 10, CreatedAt = DateTimeOffset.UtcNow }).Budget);
        Assert.Equal(10, store.OpenStudy(Study with { Budget = 2 }).Budget);
        var error = Assert.Throws<RegistryException>(() => store.OpenStudy(Study with { Fingerprint = "f2" }));
        Assert.Contains("was created with another search setup or other data", error.Message);
        Assert.Equal([Study.Name], store.ListStudies().Select(s => s.Name));
    }

    [Fact]
    public void TheModelCardNamesTheStudyAndTrialTheTrainerCameFrom()
    {
        using var temp = new TempRegistry();
        var registry = temp.Open();
        var run = registry.StartRun(new RunStart(RunKind.Evaluate));
        registry.LogParameters(run, new Dictionary<string, string> { [StudyLineage.Study] = "churn-abc", [StudyLineage.Trial] = "12", [StudyLineage.Run] = "01TRIAL" });

        var version = registry.Register(TempRegistry.Request(temp.File("model.onnx")) with { SourceRunId = run });

        var card = File.ReadAllText(version.Version.Artifacts.Single(a => a.Name == Kiln.Registry.Models.ModelCardWriter.FileName).StorePath);
        Assert.Contains("- Trainer tuned by: study `churn-abc`, trial 12 (run `01TRIAL`)", card, StringComparison.Ordinal);
    }
}
