using Kiln.Registry.Queries;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Tests;

public abstract class RunQueryTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    [Fact]
    public void PagesNewestFirstAndCountsEveryMatch()
    {
        using var temp = NewRegistry();
        var (registry, ids) = Seed(temp, 25);

        var first = registry.Store.QueryRuns(new RunQuery(Limit: 10));
        var third = registry.Store.QueryRuns(new RunQuery(Offset: 20, Limit: 10));

        Assert.Equal(25, first.Total);
        Assert.Equal(ids.AsEnumerable().Reverse().Take(10), first.Runs.Select(r => r.Id));
        Assert.Equal(ids.AsEnumerable().Reverse().Skip(20), third.Runs.Select(r => r.Id));
        Assert.Equal("0.05", first.Runs[0].Parameters["trainer.learning_rate"]);
    }

    [Fact]
    public void FiltersByKindStatusEnvironmentVersionAndIdTogether()
    {
        using var temp = NewRegistry();
        var (registry, ids) = Seed(temp, 30);

        var page = registry.Store.QueryRuns(new RunQuery(Kind: RunKind.Evaluate, Status: RunStatus.Succeeded, Environment: "prod", GitVersion: "1.2.0"));

        var expected = registry.RecentRuns(100)
            .Where(r => r is { Kind: RunKind.Evaluate, Status: RunStatus.Succeeded, Environment: "prod", GitVersion: "1.2.0" })
            .Select(r => r.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Runs.Select(r => r.Id));
        Assert.Equal(expected.Count, page.Total);

        var byId = registry.Store.QueryRuns(new RunQuery(IdContains: ids[7][^8..].ToLowerInvariant()));
        Assert.Equal(ids[7], Assert.Single(byId.Runs).Id);
    }

    [Fact]
    public void MetricConditionsKeepOnlyRunsThatHaveTheMetricAndSatisfyIt()
    {
        using var temp = NewRegistry();
        var (registry, _) = Seed(temp, 30);
        var all = registry.RecentRuns(100);

        var page = registry.Store.QueryRuns(new RunQuery(RunFilter.Parse("roc_auc > 0.85 and log_loss <= 0.45"), Limit: 100));

        var expected = all.Where(r => r.Metrics.TryGetValue("roc_auc", out var auc) && auc > 0.85 && r.Metrics["log_loss"] <= 0.45).Select(r => r.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Count);
        Assert.Equal(expected, page.Runs.Select(r => r.Id));
        Assert.Empty(registry.Store.QueryRuns(new RunQuery(RunFilter.Parse("no_such_metric != 1"))).Runs);
    }

    [Fact]
    public void ParameterConditionsCompareTextAndNumbersAsWritten()
    {
        using var temp = NewRegistry();
        var (registry, _) = Seed(temp, 30);
        var all = registry.RecentRuns(100);

        var lightGbm = registry.Store.QueryRuns(new RunQuery(RunFilter.Parse("params.trainer.name = LightGbm"), Limit: 100));
        var notLightGbm = registry.Store.QueryRuns(new RunQuery(RunFilter.Parse("params.trainer.name != 'LightGbm'"), Limit: 100));
        var fast = registry.Store.QueryRuns(new RunQuery(RunFilter.Parse("params.trainer.learning_rate >= 0.1"), Limit: 100));
        var sameNumber = registry.Store.QueryRuns(new RunQuery(RunFilter.Parse("params.trainer.learning_rate = 0.10"), Limit: 100));

        Assert.Equal(all.Where(r => r.Parameters["trainer.name"] == "LightGbm").Select(r => r.Id), lightGbm.Runs.Select(r => r.Id));
        Assert.Equal(all.Count, lightGbm.Total + notLightGbm.Total);
        Assert.Equal(all.Where(r => double.Parse(r.Parameters["trainer.learning_rate"], System.Globalization.CultureInfo.InvariantCulture) >= 0.1).Select(r => r.Id),
            fast.Runs.Select(r => r.Id));
        Assert.Equal(all.Where(r => r.Parameters["trainer.learning_rate"] == "0.1").Select(r => r.Id), sameNumber.Runs.Select(r => r.Id));
        Assert.NotEmpty(sameNumber.Runs);
    }

    [Fact]
    public void SortsByAMetricWithRunsLackingItLast()
    {
        using var temp = NewRegistry();
        var (registry, _) = Seed(temp, 30);

        var ascending = registry.Store.QueryRuns(new RunQuery(Sort: new RunSort(RunSortColumn.Metric, Descending: false, Key: "roc_auc"), Limit: 100)).Runs;

        var withMetric = ascending.TakeWhile(r => r.Metrics.ContainsKey("roc_auc")).ToList();
        Assert.Equal(withMetric.Select(r => r.Metrics["roc_auc"]).Order(), withMetric.Select(r => r.Metrics["roc_auc"]));
        Assert.All(ascending.Skip(withMetric.Count), r => Assert.False(r.Metrics.ContainsKey("roc_auc")));
        Assert.NotEqual(withMetric.Count, ascending.Count);
    }

    [Fact]
    public void PagesSortedByAMetricJoinUpAcrossTheRunsWithoutItAndHonourOtherFilters()
    {
        using var temp = NewRegistry();
        var (registry, _) = Seed(temp, 30);
        var sort = new RunSort(RunSortColumn.Metric, Descending: true, Key: "roc_auc");
        var whole = registry.Store.QueryRuns(new RunQuery(Environment: "local", Sort: sort, Limit: 100)).Runs.Select(r => r.Id).ToList();

        var paged = Enumerable.Range(0, 5)
            .SelectMany(page => registry.Store.QueryRuns(new RunQuery(Environment: "local", Sort: sort, Offset: page * 7, Limit: 7)).Runs)
            .Select(r => r.Id).ToList();

        Assert.Equal(whole, paged);
        Assert.Equal(registry.RecentRuns(100).Count(r => r.Environment == "local"), whole.Count);
        var metrics = whole.Select(id => registry.GetRun(id).Metrics.GetValueOrDefault("roc_auc", double.NaN)).ToList();
        Assert.Equal(metrics.TakeWhile(double.IsFinite).OrderDescending(), metrics.TakeWhile(double.IsFinite));
    }

    [Fact]
    public void AListingCanLoadOnlyTheParametersItShows()
    {
        using var temp = NewRegistry();
        var (registry, _) = Seed(temp, 6);

        var some = registry.Store.QueryRuns(new RunQuery(ParameterKeys: ["trainer.name", "no.such.key"])).Runs;
        var none = registry.Store.QueryRuns(new RunQuery(ParameterKeys: [])).Runs;

        Assert.All(some, r => Assert.Equal(["trainer.name"], r.Parameters.Keys));
        Assert.All(none, r => Assert.Empty(r.Parameters));
    }

    [Fact]
    public void VersionPagesComeNewestFirstWithTheModelsTotal()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        for (var seed = 1; seed <= 7; seed++)
        {
            registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: seed)));
        }

        registry.Register(RegistryBackend.Request(temp.File("model.onnx", seed: 99), name: "fraud"));

        var second = registry.Store.QueryVersions("churn", 3, 3);

        Assert.Equal(7, second.Total);
        Assert.Equal([4, 3, 2], second.Versions.Select(v => v.Version));
        Assert.Equal(0, registry.Store.QueryVersions("nothing", 0, 3).Total);
        Assert.Throws<RegistryException>(() => registry.Store.QueryVersions("churn", -1, 3));
    }

    [Fact]
    public void SortsNumericParametersAsNumbersAndByDuration()
    {
        using var temp = NewRegistry();
        var (registry, _) = Seed(temp, 12);

        var byLeaves = registry.Store.QueryRuns(new RunQuery(Sort: new RunSort(RunSortColumn.Parameter, Descending: false, Key: "trainer.leaves"))).Runs;
        var byDuration = registry.Store.QueryRuns(new RunQuery(Sort: new RunSort(RunSortColumn.Duration))).Runs;

        var leaves = byLeaves.Select(r => int.Parse(r.Parameters["trainer.leaves"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(leaves.Order(), leaves);
        Assert.Contains(leaves, l => l < 10);   // "8" sorts after "16" as text
        Assert.Contains(leaves, l => l >= 10);
        var durations = byDuration.TakeWhile(r => r.Duration is not null).Select(r => r.Duration!.Value).ToList();
        Assert.Equal(durations.OrderDescending(), durations);
        Assert.Equal(RunStatus.Running, byDuration[^1].Status);
    }

    [Fact]
    public void SelectsExactlyTheRunsNamedById()
    {
        using var temp = NewRegistry();
        var (registry, ids) = Seed(temp, 10);

        var page = registry.Store.QueryRuns(new RunQuery(Ids: [ids[2], ids[5], "NO-SUCH-RUN"]));

        Assert.Equal([ids[5], ids[2]], page.Runs.Select(r => r.Id));
        Assert.Empty(registry.Store.QueryRuns(new RunQuery(Ids: [])).Runs);
    }

    [Fact]
    public void FacetsListEnvironmentsVersionsAndKeys()
    {
        using var temp = NewRegistry();
        var (registry, _) = Seed(temp, 10);

        var facets = registry.Store.RunFacets();

        Assert.Equal(["local", "prod"], facets.Environments);
        Assert.Equal(["1.2.0", "1.1.0"], facets.Versions);
        Assert.Equal(["log_loss", "roc_auc"], facets.MetricKeys);
        Assert.Equal(["trainer.learning_rate", "trainer.leaves", "trainer.name"], facets.ParameterKeys);
    }

    [Theory]
    [InlineData(-1, 10, "offset must be 0 or more")]
    [InlineData(0, 0, "limit must be between 1 and 1000")]
    [InlineData(0, 1001, "limit must be between 1 and 1000")]
    public void OutOfRangePagingIsRefused(int offset, int limit, string message)
    {
        using var temp = NewRegistry();
        var registry = temp.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Store.QueryRuns(new RunQuery(Offset: offset, Limit: limit)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    // Runs a minute apart: Train and Evaluate alternate, a few fail or keep running, two environments and two versions.
    private static (ModelRegistry Registry, List<string> Ids) Seed(RegistryBackend temp, int count)
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var registry = new ModelRegistry(temp.OpenStore(), new Artifacts.FileArtifactStore(temp.StoreDirectory), clock);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var kind = i % 2 == 0 ? RunKind.Train : RunKind.Evaluate;
            var id = registry.StartRun(new RunStart(kind, i < count / 2 ? "1.1.0" : "1.2.0", "abc", i % 3 == 0 ? "prod" : "local"));
            registry.LogParameters(id, new Dictionary<string, string>
            {
                ["trainer.name"] = i % 4 == 0 ? "FastTree" : "LightGbm",
                ["trainer.learning_rate"] = (i % 3) switch { 0 => "0.05", 1 => "0.1", _ => "0.2" },
                ["trainer.leaves"] = (8 * (i % 5 + 1) * (i % 2 + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            if (kind == RunKind.Evaluate)
            {
                registry.LogMetrics(id, new Dictionary<string, double> { ["roc_auc"] = 0.80 + (i * 7 % 10) / 100.0, ["log_loss"] = 0.40 + (i % 4) / 50.0 });
            }

            clock.Advance(TimeSpan.FromSeconds(10 + i));
            if (i != count - 1)
            {
                registry.FinishRun(id, i % 7 == 3 ? RunStatus.Failed : RunStatus.Succeeded);
            }

            clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add(id);
        }

        return (registry, ids);
    }
}
