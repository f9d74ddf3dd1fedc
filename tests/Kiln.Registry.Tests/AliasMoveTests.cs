using Kiln.Registry.Models;

namespace Kiln.Registry.Tests;

public abstract class AliasMoveTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    [Fact]
    public void RollingTheChampionBackMovesItAndRecordsTheReason()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: 1)));
        registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: 2)));
        registry.SetAlias("churn", "champion", 2);

        registry.MoveAlias(new AliasMove("churn", "champion", 1, ExpectedVersion: 2, "v2 over-predicts churn for new customers"));

        Assert.Equal(1, registry.Store.Aliases("churn")["champion"]);
        var history = registry.Store.AliasHistory("churn", 10);
        Assert.Equal(
            [("champion", (int?)1, (string?)"v2 over-predicts churn for new customers"), ("champion", 2, null)],
            history.Select(h => (h.Alias, h.Version, h.Reason)));
    }

    [Fact]
    public void MoveIsRefusedWhenTheAliasMovedSinceItWasPreparedAndNothingChanges()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        for (var seed = 1; seed <= 3; seed++)
        {
            registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: seed)));
        }

        registry.SetAlias("churn", "champion", 3);

        var error = Assert.Throws<AliasConflictException>(() =>
            registry.MoveAlias(new AliasMove("churn", "champion", 1, ExpectedVersion: 2, "roll back")));

        Assert.Equal("@champion of 'churn' now points at v3, not v2 as when the move was prepared; nothing was changed. Review it again.", error.Message);
        Assert.Equal(3, registry.Store.Aliases("churn")["champion"]);
        Assert.Single(registry.Store.AliasHistory("churn", 10));
    }

    [Fact]
    public void PromotingIntoAnUnsetAliasExpectsItUnset()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: 1)));

        registry.MoveAlias(new AliasMove("churn", "challenger", 1, ExpectedVersion: null, "first candidate"));

        Assert.Equal(1, registry.Store.Aliases("churn")["challenger"]);
        Assert.Throws<AliasConflictException>(() => registry.MoveAlias(new AliasMove("churn", "challenger", 1, ExpectedVersion: null, "again")));
    }

    [Theory]
    [InlineData("churn", "champion", 9, "roll back", "has no version 9")]
    [InlineData("fraud", "champion", 1, "roll back", "Model 'fraud' is not registered")]
    [InlineData("churn", "champion", 1, "  ", "needs a reason")]
    [InlineData("churn", "7", 1, "roll back", "is a number")]
    public void BadMovesAreRefusedWithAClearMessage(string model, string alias, int version, string reason, string message)
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: 1)));

        var error = Assert.ThrowsAny<RegistryException>(() => registry.MoveAlias(new AliasMove(model, alias, version, null, reason)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.Store.AliasHistory("churn", 10));
    }

    [Fact]
    public void ImagesRecordWhichTagCarriesWhichVersionAndARebuiltTagMoves()
    {
        using var temp = NewRegistry();
        var clock = new ManualClock(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var registry = new ModelRegistry(temp.OpenStore(), new Artifacts.FileArtifactStore(temp.StoreDirectory), clock);
        registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: 1)));
        registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: 2)));

        registry.RecordImage("churn", 1, "kiln-churn:1.0.0", "sha256:aaa");
        clock.Advance(TimeSpan.FromMinutes(1));
        registry.RecordImage("churn", 1, "127.0.0.1:5000/kiln-churn:1.0.0", "sha256:aaa");
        clock.Advance(TimeSpan.FromMinutes(1));
        registry.RecordImage("churn", 2, "kiln-churn:1.0.0", "sha256:bbb");

        var images = registry.Store.Images("churn");
        Assert.Equal(
            [("kiln-churn:1.0.0", 2, "sha256:bbb"), ("127.0.0.1:5000/kiln-churn:1.0.0", 1, "sha256:aaa")],
            images.Select(i => (i.Reference, i.Version, i.ImageId)));
        Assert.Contains("has no version 5", Assert.Throws<RegistryEntryNotFoundException>(() => registry.RecordImage("churn", 5, "x:1", "sha256:c")).Message,
            StringComparison.Ordinal);
    }
}
