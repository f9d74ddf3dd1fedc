using System.Net;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry.Queries;
using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Tests;

public sealed class RunsPageTests(SeededDashboard dashboard)
{
    private RunningDashboard Running => dashboard.Running;

    [Fact]
    public async Task FirstPageListsTheNewestFiftyRunsAndCountsThemAll()
    {
        var all = Running.Registry.Store.QueryRuns(new RunQuery(Limit: 1000)).Runs;

        var page = await Page.GetAsync(Running.Client, "/runs");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(all.Take(50).Select(r => r.Id), page.RunIds);
        Assert.Contains($"Runs 1–50 of {all.Count}", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondPageOfTwentyFiveContinuesWhereTheFirstStopped()
    {
        var all = Running.Registry.Store.QueryRuns(new RunQuery(Limit: 1000)).Runs;

        var page = await Page.GetAsync(Running.Client, "/runs?size=25&page=2");

        Assert.Equal(all.Skip(25).Take(25).Select(r => r.Id), page.RunIds);
        Assert.Contains($"Runs 26–50 of {all.Count}", page.Text, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricConditionShowsOnlyRunsThatMeetItWithTheMetricAsAColumn()
    {
        var expected = Running.Registry.Store.QueryRuns(new RunQuery(Limit: 1000)).Runs
            .Where(r => r.Metrics.TryGetValue("f1", out var f1) && f1 > 0.5).Select(r => r.Id).ToList();

        var page = await Page.GetAsync(Running.Client, "/runs?size=200&filter=" + Uri.EscapeDataString("f1 > 0.5"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.RunIds);
        Assert.Contains(">f1</a></th>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KindStatusAndParameterFiltersCombine()
    {
        var expected = Running.Registry.Store.QueryRuns(new RunQuery(Limit: 1000)).Runs
            .Where(r => r is { Kind: RunKind.Evaluate, Status: RunStatus.Succeeded } && r.Parameters["trainer.name"] == "FastTree")
            .Select(r => r.Id).ToList();

        var page = await Page.GetAsync(Running.Client, "/runs?kind=evaluate&status=succeeded&filter=" + Uri.EscapeDataString("params.trainer.name = FastTree"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.RunIds);
    }

    [Fact]
    public async Task SortingByAMetricAscendingPutsTheWorstFirst()
    {
        var page = await Page.GetAsync(Running.Client, "/runs?kind=evaluate&sort=metric:roc_auc&dir=asc&size=200");

        var aucs = page.RunIds.Select(id => Running.Registry.GetRun(id).Metrics.GetValueOrDefault("roc_auc", double.NaN)).ToList();
        Assert.True(aucs.Count > 10);
        Assert.Equal(aucs.Where(double.IsFinite).Order(), aucs.Where(double.IsFinite));
        Assert.Contains("aria-sort=\"ascending\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchingPartOfAnIdFindsThatRun()
    {
        var id = Running.Seeded.EvaluateRuns[5];

        var page = await Page.GetAsync(Running.Client, "/runs?q=" + id[^10..].ToLowerInvariant());

        Assert.Equal([id], page.RunIds);
    }

    [Fact]
    public async Task MalformedFilterIsA400ThatNamesTheOperatorAndWhereItIs()
    {
        var page = await Page.GetAsync(Running.Client, "/runs?filter=" + Uri.EscapeDataString("roc_auc => 0.85"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("filter: unknown operator '=>' at position 9; use one of > >= < <= = !=", page.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"roc_auc =&gt; 0.85\"", page.Html, StringComparison.Ordinal);
        Assert.Empty(page.RunIds);
    }

    [Theory]
    [InlineData("/runs?kind=deploy", "kind 'deploy' is not one of train, evaluate, register, tune")]
    [InlineData("/runs?status=2", "status '2' is not one of")]
    [InlineData("/runs?page=0", "page 0 is out of range")]
    [InlineData("/runs?size=lots", "size 'lots' is not a whole number")]
    [InlineData("/runs?sort=metric:", "sort 'metric:' names no key")]
    [InlineData("/runs?dir=up", "dir 'up' is not a direction; use asc or desc")]
    public async Task BadListingParametersAre400sNamingTheField(string url, string message)
    {
        var page = await Page.GetAsync(Running.Client, url);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterOnAMetricNoRunHasSaysSoAndListsTheKnownOnes()
    {
        var page = await Page.GetAsync(Running.Client, "/runs?filter=" + Uri.EscapeDataString("roc_auk > 0.5"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("No run has a metric 'roc_auk', so nothing matches metrics.roc_auk > 0.5. Did you mean roc_auc?", page.Text, StringComparison.Ordinal);
        Assert.Contains("No runs match.", page.Text, StringComparison.Ordinal);
    }
}
