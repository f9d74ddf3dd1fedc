using Kiln.Hashing;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Models;
using Kiln.Registry.Promotion;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

namespace Kiln.Registry.Tests;

/// <summary>The version contract every store keeps: numbering, content, duplicates, aliases, the model card and bad input.</summary>
public abstract class ModelVersionTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    [Fact]
    public void VersionsCountUpPerModel()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();

        var churn1 = registry.Register(TempRegistry.Request(temp.File("model.onnx", seed: 1))).Version;
        var churn2 = registry.Register(TempRegistry.Request(temp.File("model.onnx", seed: 2))).Version;
        var fraud1 = registry.Register(TempRegistry.Request(temp.File("model.onnx", seed: 3), name: "fraud")).Version;
        var churn3 = registry.Register(TempRegistry.Request(temp.File("model.onnx", seed: 4))).Version;

        Assert.Equal([1, 2, 1, 3], new[] { churn1, churn2, fraud1, churn3 }.Select(v => v.Version));
        Assert.Equal(["churn/3", "churn/2", "churn/1", "fraud/1"], registry.ListVersions().Select(v => $"{v.Name}/{v.Version}"));
    }

    [Fact]
    public void TheModelsListingHasTheNewestVersionsAndEveryAliasedOneWithTheTotal()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        for (var seed = 1; seed <= 5; seed++)
        {
            registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed)));
        }

        registry.SetAlias("churn", "champion", 1);
        registry.SetAlias("churn", "challenger", 4);

        var listing = registry.RecentVersions("churn", 2);

        Assert.Equal([5, 4, 1], listing.Versions.Select(v => v.Version));
        Assert.Equal(5, listing.Total);
        Assert.Equal(["champion"], listing.Versions.Single(v => v.Version == 1).Aliases);
        Assert.Equal((0, 0), (registry.RecentVersions("fraud", 10).Versions.Count, registry.RecentVersions("fraud", 10).Total));
    }

    [Fact]
    public void ArtifactsAreStoredByContentOnceAndReadBackWithTheVersion()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var model = temp.File("model.onnx", size: 100_000);
        var retrained = temp.File("model.onnx", seed: 2, size: 100_000);
        var report = temp.File("report.md", seed: 9);

        var first = registry.Register(TempRegistry.Request(model) with { AttachedFiles = [report] }).Version;
        var second = registry.Register(TempRegistry.Request(retrained) with { AttachedFiles = [report] }).Version;

        Assert.Equal(["model.onnx", "report.md", ModelCardWriter.FileName], first.Artifacts.Select(a => a.Name));
        Assert.Equal(FileHash.Sha256(model), first.Model.Sha256);
        Assert.Equal(Path.Combine(temp.StoreDirectory, first.Model.Sha256), first.Model.StorePath);
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(first.Model.StorePath));
        Assert.Equal(first.Artifacts[1].Sha256, second.Artifacts[1].Sha256);

        // Two models and two cards, but the shared report once.
        Assert.Equal(5, Directory.GetFiles(temp.StoreDirectory).Length);
    }

    [Fact]
    public void RegisteringBytesThatAreAlreadyAVersionIsANoOpThatNamesIt()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var model = temp.File("model.onnx");
        var champion = new PromotionDecision(PromotionOutcome.Champion, "first", "roc_auc", 0.8);
        var v1 = registry.Register(TempRegistry.Request(model) with { Decision = champion });
        var storedFiles = Directory.GetFiles(temp.StoreDirectory).Length;
        var sameBytesElsewhere = Path.Combine(temp.Directory, "other-checkout", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(sameBytesElsewhere)!);
        File.Copy(model, sameBytesElsewhere);

        var again = registry.Register(TempRegistry.Request(sameBytesElsewhere, auc: 0.9) with
        {
            Decision = new PromotionDecision(PromotionOutcome.Challenger, "not better", "roc_auc", 0.8),
        });

        Assert.True(v1.Created);
        Assert.False(again.Created);
        Assert.Equal(1, again.Version.Version);
        Assert.Equal(["champion"], again.Version.Aliases);
        Assert.Equal(0.8, again.Version.Metrics["roc_auc"]);
        Assert.Single(registry.ListVersions("churn"));
        Assert.Null(registry.TryResolve("models:/churn@challenger"));
        Assert.Equal(storedFiles, Directory.GetFiles(temp.StoreDirectory).Length);
        Assert.Equal(1, registry.FindVersionOf("churn", sameBytesElsewhere)!.Version);
    }

    [Fact]
    public void TheSameBytesUnderAnotherModelNameAreANewVersionOfThatModel()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var model = temp.File("model.onnx");
        registry.Register(TempRegistry.Request(model));

        var fraud = registry.Register(TempRegistry.Request(model, name: "fraud"));

        Assert.True(fraud.Created);
        Assert.Equal(("fraud", 1), (fraud.Version.Name, fraud.Version.Version));
    }

    [Fact]
    public void TheStoreItselfRefusesASecondVersionOfTheSameModelBytesInsideItsTransaction()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var first = registry.Register(TempRegistry.Request(temp.File("model.onnx"))).Version;
        var retried = new NewModelVersion(
            "churn", DateTimeOffset.UtcNow, null, first.Signature, null, new Dictionary<string, double>(),
            [first.Model, first.Artifacts[^1]], ["challenger"], "a racing registration");

        // Straight to the store, past ModelRegistry's early look-up, as a second process that raced past it would arrive.
        var outcome = registry.Store.CreateVersion(retried);

        Assert.False(outcome.Created);
        Assert.Equal(1, outcome.Version.Version);
        Assert.Single(registry.ListVersions("churn"));
        Assert.Empty(registry.Store.Aliases("churn"));
    }

    [Fact]
    public void RegistrationRecordsSignatureExampleMetricsAndSourceRun()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var run = registry.StartRun(new RunStart(RunKind.Train, "2.0.0", "feedbee"));

        var version = registry.Register(TempRegistry.Request(temp.File("model.onnx"), auc: 0.91) with
        {
            SourceRunId = run,
            InputExample = """{"tenure": 12, "plan": "basic"}""",
        }).Version;

        var read = registry.Resolve("models:/churn/1").Version!;
        Assert.Equal(run, read.SourceRunId);
        Assert.Equal(["tenure", "plan"], read.Signature.Inputs.Select(i => i.Name));
        Assert.Equal("float32", read.Signature.Outputs.Single().Type);
        Assert.Equal("""{"tenure": 12, "plan": "basic"}""", read.InputExample);
        Assert.Equal(0.91, read.Metrics["roc_auc"]);
        Assert.Equal(version.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public void ModelCardDescribesDataMetricsGatesDecisionAndLimitations()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var run = registry.StartRun(new RunStart(RunKind.Train, "2.1.0", "c0ffee1"));
        registry.LogDataset(run, new DatasetLineage("data/01-raw/churn.csv", new string('d', 64), 4990, 10));
        var gates = new QualityGateResult([new GateCheck("roc_auc", ">=", 0.75, 0.84, true)]);
        var decision = new PromotionDecision(PromotionOutcome.Champion, "first champion: roc_auc 0.840", "roc_auc", 0.84);

        var version = registry.Register(TempRegistry.Request(temp.File("model.onnx")) with
        {
            SourceRunId = run,
            Card = new ModelCardFacts("Rank customers by churn risk.", Gates: gates, Limitations: ["Trained on synthetic data only."]),
            Decision = decision,
        }).Version;

        var card = File.ReadAllText(version.Artifacts.Single(a => a.Name == ModelCardWriter.FileName).StorePath);
        Assert.Contains("## Intended use", card, StringComparison.Ordinal);
        Assert.Contains("Rank customers by churn risk.", card, StringComparison.Ordinal);
        Assert.Contains($"| data/01-raw/churn.csv | `{new string('d', 64)}` | 4990 | 10 |", card, StringComparison.Ordinal);
        Assert.Contains("| roc_auc | >= 0.75 | 0.84 | passed |", card, StringComparison.Ordinal);
        Assert.Contains("Became **champion**: first champion", card, StringComparison.Ordinal);
        Assert.Contains("- Trained on synthetic data only.", card, StringComparison.Ordinal);
        Assert.Contains(version.Model.Sha256, card, StringComparison.Ordinal);
        Assert.Contains("2.1.0 (commit c0ffee1)", card, StringComparison.Ordinal);
    }

    [Fact]
    public void DecisionMovesTheAliasAndRecordsTheReason()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        PromotionDecision Decision(PromotionOutcome outcome, string reason) => new(outcome, reason, "roc_auc", 0.8);

        registry.Register(TempRegistry.Request(temp.File("model.onnx", 1)) with { Decision = Decision(PromotionOutcome.Champion, "first") });
        registry.Register(TempRegistry.Request(temp.File("model.onnx", 2)) with { Decision = Decision(PromotionOutcome.Challenger, "not better") });
        registry.Register(TempRegistry.Request(temp.File("model.onnx", 3)) with { Decision = Decision(PromotionOutcome.Champion, "better") });

        var versions = registry.ListVersions("churn").ToDictionary(v => v.Version);
        Assert.Equal(["champion"], versions[3].Aliases);
        Assert.Equal(["challenger"], versions[2].Aliases);
        Assert.Empty(versions[1].Aliases);
        Assert.Equal("not better", versions[2].PromotionReason);
        Assert.Equal(3, registry.Resolve("models:/churn@champion").Version!.Version);
    }

    [Fact]
    public void SettingAnAliasMovesItAndUnknownVersionsAreListed()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        registry.Register(TempRegistry.Request(temp.File("model.onnx", 1)));
        registry.Register(TempRegistry.Request(temp.File("model.onnx", 2)));

        registry.SetAlias("churn", "staging", 1);
        registry.SetAlias("churn", "staging", 2);
        var error = Assert.Throws<RegistryEntryNotFoundException>(() => registry.SetAlias("churn", "staging", 7));

        Assert.Equal(2, registry.Resolve("models:/churn@staging").Version!.Version);
        Assert.Empty(registry.ListVersions("churn").Single(v => v.Version == 1).Aliases);
        Assert.Contains("no version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("versions are 1, 2", error.Message, StringComparison.Ordinal);
        Assert.True(registry.RemoveAlias("churn", "staging"));
        Assert.Null(registry.TryResolve("models:/churn@staging"));
    }

    [Fact]
    public void InvalidInputExampleIsRejectedWithItsLineBeforeAnythingIsStored()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();

        var error = Assert.Throws<RegistryException>(() =>
            registry.Register(TempRegistry.Request(temp.File("model.onnx")) with { InputExample = "{\n  \"tenure\": 12,\n  plan: 1\n}" }));

        Assert.Contains("input example is not valid JSON (line 3", error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.ListVersions());
        Assert.False(Directory.Exists(temp.StoreDirectory));
    }

    [Fact]
    public void MissingModelFileAndUnknownSourceRunAreNamed()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var missing = Path.Combine(temp.Directory, "nowhere", "model.onnx");

        var noFile = Assert.Throws<RegistryException>(() => registry.Register(TempRegistry.Request(missing)));
        var noRun = Assert.Throws<RegistryEntryNotFoundException>(() =>
            registry.Register(TempRegistry.Request(temp.File("model.onnx")) with { SourceRunId = "01JUNKRUN" }));

        Assert.Contains(missing, noFile.Message, StringComparison.Ordinal);
        Assert.Contains("'01JUNKRUN' does not exist", noRun.Message, StringComparison.Ordinal);
        Assert.Empty(registry.ListVersions());
    }

    [Theory]
    [InlineData("churn model")]
    [InlineData("../churn")]
    [InlineData("")]
    public void BadModelNamesAreRejectedWithTheRule(string name)
    {
        using var temp = NewRegistry();
        var registry = temp.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Register(TempRegistry.Request(temp.File("model.onnx"), name: name)));

        Assert.Contains($"Model name '{name}' is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GarbageCollectionRemovesOnlyUnreferencedBlobs()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        var kept = registry.Register(TempRegistry.Request(temp.File("model.onnx", 1))).Version;
        var orphan = registry.Content.Put(temp.File("half-registered.onnx", 2));

        var removed = registry.CollectGarbage(TimeSpan.Zero);

        Assert.Equal([orphan.Path], removed);
        Assert.All(kept.Artifacts, a => Assert.True(File.Exists(a.StorePath)));
        Assert.Equal(kept.Model.StorePath, registry.ResolveVerified("models:/churn/1"));
    }
}
