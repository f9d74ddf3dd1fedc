using Kiln.Hashing;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Tests;

/// <summary>The run-tracking contract every store keeps.</summary>
public abstract class RunTrackingTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    [Fact]
    public void RecordsEverythingAboutARunAndReadsItBack()
    {
        using var temp = NewRegistry();
        var clock = new ManualClock(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var registry = temp.Open(clock);
        var report = temp.File("report.md");

        var id = registry.StartRun(new RunStart(RunKind.Train, "1.4.0-alpha.3", "abc1234", "prod"));
        registry.LogParameters(id, new Dictionary<string, string> { ["trainer"] = "fasttree", ["trees"] = "100" });
        registry.LogMetrics(id, new Dictionary<string, double> { ["roc_auc"] = 0.84, ["log_loss"] = 0.41 });
        registry.LogDataset(id, new DatasetLineage("data/01-raw/churn.csv", new string('a', 64), 4980, 20));
        var artifact = registry.LogArtifact(id, report);
        clock.Advance(TimeSpan.FromSeconds(90));
        registry.FinishRun(id, RunStatus.Succeeded);

        var run = registry.GetRun(id);

        Assert.Equal((RunKind.Train, RunStatus.Succeeded, "1.4.0-alpha.3", "abc1234", "prod"),
            (run.Kind, run.Status, run.GitVersion, run.GitCommit, run.Environment));
        Assert.Equal(TimeSpan.FromSeconds(90), run.Duration);
        Assert.Equal("fasttree", run.Parameters["trainer"]);
        Assert.Equal(0.41, run.Metrics["log_loss"]);
        Assert.Equal(new DatasetLineage("data/01-raw/churn.csv", new string('a', 64), 4980, 20), Assert.Single(run.Datasets));
        Assert.Equal(FileHash.Sha256(report), Assert.Single(run.Artifacts).Sha256);
        Assert.Equal(artifact, run.Artifacts[0]);
    }

    [Fact]
    public void LoggedArtifactKeepsItsBytesAfterTheFileIsOverwrittenAndSurvivesGarbageCollection()
    {
        using var temp = new TempRegistry();
        var registry = temp.Open();
        var curves = Path.Combine(temp.Directory, "curves.json");
        File.WriteAllText(curves, "first run's curves");
        var first = registry.StartRun(new RunStart(RunKind.Evaluate));
        var recorded = registry.LogArtifact(first, curves);

        File.WriteAllText(curves, "second run's curves");
        registry.LogArtifact(registry.StartRun(new RunStart(RunKind.Evaluate)), curves);
        var removed = registry.CollectGarbage(TimeSpan.Zero);

        Assert.Empty(removed);
        Assert.Equal("first run's curves", File.ReadAllText(registry.Content.LocalPath(recorded.Sha256)));
        Assert.Equal(FileHash.Sha256(registry.Content.LocalPath(recorded.Sha256)), registry.GetRun(first).Artifacts.Single().Sha256);
    }

    [Fact]
    public void RecentRunsComeNewestFirstAndRespectTheLimit()
    {
        using var temp = NewRegistry();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(55));
        var registry = temp.Open(clock);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(registry.StartRun(new RunStart(RunKind.Evaluate)));
            registry.LogMetrics(ids[^1], new Dictionary<string, double> { ["roc_auc"] = 0.7 + (i / 100.0) });
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var recent = registry.RecentRuns(3);

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), recent.Select(r => r.Id));
        Assert.Equal(0.74, recent[0].Metrics["roc_auc"], 10);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void ComparisonListsChangedAddedAndRemovedParamsAndMetricDeltas()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var before = registry.StartRun(new RunStart(RunKind.Train));
        registry.LogParameters(before, new Dictionary<string, string> { ["trees"] = "100", ["leaves"] = "20", ["seed"] = "42" });
        registry.LogMetrics(before, new Dictionary<string, double> { ["roc_auc"] = 0.80, ["log_loss"] = 0.50, ["f1"] = 0.6 });
        var after = registry.StartRun(new RunStart(RunKind.Train));
        registry.LogParameters(after, new Dictionary<string, string> { ["trees"] = "200", ["seed"] = "42", ["learning_rate"] = "0.1" });
        registry.LogMetrics(after, new Dictionary<string, double> { ["roc_auc"] = 0.85, ["log_loss"] = 0.45, ["f1"] = 0.6 });

        var diff = registry.CompareRuns(before, after);

        Assert.Equal(
            [
                new ParamDifference("learning_rate", null, "0.1", ChangeKind.Added),
                new ParamDifference("leaves", "20", null, ChangeKind.Removed),
                new ParamDifference("trees", "100", "200", ChangeKind.Modified),
            ],
            diff.Parameters);
        Assert.Equal(["log_loss", "roc_auc"], diff.Metrics.Select(m => m.Key));
        Assert.Equal(0.05, diff.Metrics.Single(m => m.Key == "roc_auc").Delta!.Value, 10);
        Assert.Equal(-0.05, diff.Metrics.Single(m => m.Key == "log_loss").Delta!.Value, 10);
        Assert.Equal(4, registry.CompareRuns(before, after, includeUnchanged: true).Parameters.Count);
    }

    [Fact]
    public void UnknownRunIsNamedAlongWithRecentRuns()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var real = registry.StartRun(new RunStart(RunKind.Train));

        var error = Assert.Throws<RegistryEntryNotFoundException>(() => registry.LogMetrics("01NOTAREALRUN", new Dictionary<string, double> { ["x"] = 1 }));

        Assert.Contains("'01NOTAREALRUN' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains(real, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunIsFinishedOnlyOnce()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var id = registry.StartRun(new RunStart(RunKind.Register));
        registry.FinishRun(id, RunStatus.Failed);

        var error = Assert.Throws<RegistryException>(() => registry.FinishRun(id, RunStatus.Succeeded));

        Assert.Contains("already finished as failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, registry.GetRun(id).Status);
    }

    [Fact]
    public void NonFiniteMetricIsRejectedWithItsName()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var id = registry.StartRun(new RunStart(RunKind.Evaluate));

        var error = Assert.Throws<RegistryException>(() => registry.LogMetrics(id, new Dictionary<string, double> { ["roc_auc"] = double.NaN }));

        Assert.Contains("'roc_auc'", error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.GetRun(id).Metrics);
    }

    [Fact]
    public void FindsTheNewestSucceededRunOfAKindThatRecordedAFileWithTheSameBytes()
    {
        using var temp = NewRegistry();
        var clock = new ManualClock(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var registry = temp.Open(clock);
        var metrics = temp.File("metrics.json", seed: 3);
        string Run(RunKind kind, RunStatus status)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var id = registry.StartRun(new RunStart(kind));
            registry.LogArtifact(id, metrics);
            registry.FinishRun(id, status);
            return id;
        }

        Run(RunKind.Evaluate, RunStatus.Succeeded);
        var newest = Run(RunKind.Evaluate, RunStatus.Succeeded);
        Run(RunKind.Evaluate, RunStatus.Failed);
        Run(RunKind.Train, RunStatus.Succeeded);

        Assert.Equal(newest, registry.FindRunWithArtifact(RunKind.Evaluate, metrics)?.Id);
        Assert.Null(registry.FindRunWithArtifact(RunKind.Register, metrics));
        Assert.Null(registry.FindRunWithArtifact(RunKind.Evaluate, temp.File("metrics.json", seed: 4)));
    }
}
