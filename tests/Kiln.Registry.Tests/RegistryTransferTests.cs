using Kiln.Hashing;
using Kiln.Registry.Runs;
using Kiln.Registry.Transfer;

namespace Kiln.Registry.Tests;

/// <summary>MigrateRegistry's copy of a local SQLite registry into a team's shared PostgreSQL registry (.ci/postgres.sh) with its own artifact store.</summary>
public sealed class RegistryTransferTests
{
    [Fact]
    public void CopiesRunsVersionsAliasesHistoryAndImagesAndASecondCopyCopiesNothing()
    {
        using var local = new TempRegistry();
        using var shared = new TempPostgresRegistry();
        var source = local.Open();
        var train = source.StartRun(new RunStart(RunKind.Train, "1.2.0", "abc1234", "local"));
        source.LogParameters(train, new Dictionary<string, string> { ["trainer"] = "lightgbm" });
        source.LogMetrics(train, new Dictionary<string, double> { ["roc_auc"] = 0.84 });
        source.LogDataset(train, new DatasetLineage("data/01-raw/churn.csv", new string('a', 64), 4980, 20));
        var report = source.LogArtifact(train, local.File("report.md", seed: 7));
        source.FinishRun(train, RunStatus.Succeeded);
        var v1 = source.Register(RegistryBackend.Request(local.File("model.onnx", seed: 1)) with { SourceRunId = train });
        var v2 = source.Register(RegistryBackend.Request(local.File("model.onnx", seed: 2), auc: 0.86));
        source.SetAlias("churn", "challenger", 1);
        source.SetAlias("churn", "champion", 1);
        source.SetAlias("churn", "champion", 2);
        source.RecordImage("churn", 2, "registry.internal/kiln-churn:1.2.0", "sha256:" + new string('b', 64));
        var running = source.StartRun(new RunStart(RunKind.Evaluate));

        var first = RegistryTransfer.Copy(local.Open(), shared.Open());
        var second = RegistryTransfer.Copy(local.Open(), shared.Open());

        Assert.Equal((1, 0, 2, 0), (first.RunsCopied, first.RunsPresent, first.VersionsCopied.Count, first.VersionsPresent));
        Assert.Equal([running], first.RunsStillRunning);
        // The report, and each version's model and model card: every file either registry references, each uploaded once.
        Assert.Equal(local.Open().Store.ReferencedArtifactHashes().Count, first.ArtifactsCopied);
        Assert.Equal(5, first.ArtifactsCopied);
        Assert.Equal((0, 1, 0, 2, 0), (second.RunsCopied, second.RunsPresent, second.VersionsCopied.Count, second.VersionsPresent, second.ArtifactsCopied));

        var target = shared.Open();
        var copiedRun = target.GetRun(train);
        Assert.Equal((RunStatus.Succeeded, "lightgbm", 0.84, "1.2.0"), (copiedRun.Status, copiedRun.Parameters["trainer"], copiedRun.Metrics["roc_auc"], copiedRun.GitVersion));
        Assert.Equal(report, Assert.Single(copiedRun.Artifacts));
        Assert.True(target.Content.Exists(report.Sha256), "the run's artifact must be in the shared artifact store");

        var champion = target.Resolve("models:/churn@champion");
        Assert.Equal((2, v2.Version.Model.Sha256), (champion.Version!.Version, champion.ExpectedSha256));
        Assert.Equal(champion.ExpectedSha256, FileHash.Sha256(champion.Verify()));
        Assert.Equal(train, target.ListVersions("churn").Single(v => v.Version == 1).SourceRunId);
        Assert.Equal(new Dictionary<string, int> { ["champion"] = 2, ["challenger"] = 1 }, target.Store.Aliases("churn"));
        // The local moves at their own times, then the two aliases set in the shared registry by the copy, naming where from.
        var history = target.Store.AliasHistory("churn", 10);
        Assert.Equal(
            local.Open().Store.AliasHistory("churn", 10).Select(h => (h.Alias, h.Version, h.MovedAt)),
            history.Skip(2).Select(h => (h.Alias, h.Version, h.MovedAt)));
        Assert.All(history.Take(2), h => Assert.Equal($"copied from {local.Location} (MigrateRegistry)", h.Reason));
        Assert.Equal([("challenger", 1), ("champion", 2)], history.Take(2).Select(h => (h.Alias, h.Version!.Value)).Order());
        var image = Assert.Single(target.Store.Images("churn"));
        Assert.Equal((2, "registry.internal/kiln-churn:1.2.0"), (image.Version, image.Reference));
        Assert.Equal(2, target.ListVersions("churn").Count);
        Assert.Equal(v1.Version.Model.Sha256, target.ListVersions("churn").Single(v => v.Version == 1).Model.Sha256);
        source.FinishRun(running, RunStatus.Succeeded);
    }

    [Fact]
    public void IntoARegistryThatHasVersionsTheCopiesFollowItsLatestAndItsAliasesAreKept()
    {
        using var local = new TempRegistry();
        using var shared = new TempPostgresRegistry();
        var team = shared.Open();
        team.Register(RegistryBackend.Request(shared.File("model.onnx", seed: 9)));
        team.SetAlias("churn", "champion", 1);
        var source = local.Open();
        source.Register(RegistryBackend.Request(local.File("model.onnx", seed: 1)));
        source.SetAlias("churn", "champion", 1);

        var copy = RegistryTransfer.Copy(local.Open(), shared.Open());

        Assert.Equal(["churn v1 → v2"], copy.VersionsCopied);
        Assert.Equal(["churn@champion kept at the shared registry's v1 (locally it is v1, copied as v2)"], copy.Aliases);
        Assert.Equal(1, shared.Open().Resolve("models:/churn@champion").Version!.Version);
        Assert.Equal(2, shared.Open().Resolve("models:/churn/2").Version!.Version);
    }

    [Fact]
    public void CopyingARegistryIntoItselfIsRefused()
    {
        using var local = new TempRegistry();

        var error = Assert.Throws<RegistryException>(() => RegistryTransfer.Copy(local.Open(), local.Open()));

        Assert.Contains("is the configured registry itself", error.Message, StringComparison.Ordinal);
    }
}
