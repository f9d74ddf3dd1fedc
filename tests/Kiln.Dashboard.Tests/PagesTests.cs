using System.Net;
using System.Text.RegularExpressions;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry.Promotion;

namespace Kiln.Dashboard.Tests;

public sealed class PagesTests(SeededDashboard dashboard)
{
    private RunningDashboard Running => dashboard.Running;

    [Fact]
    public async Task RunPageShowsLineageParametersMetricsArtifactsAndTheReportWithItsPlots()
    {
        var id = Running.Seeded.ReportedRuns[^1];
        var run = Running.Registry.GetRun(id);

        var page = await Page.GetAsync(Running.Client, $"/runs/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data/01-raw/churn.csv", page.Text, StringComparison.Ordinal);
        Assert.Contains(run.Datasets[0].Sha256, page.Text, StringComparison.Ordinal);
        Assert.Contains(run.GitCommit!, page.Text, StringComparison.Ordinal);
        Assert.Contains(run.GitVersion!, page.Text, StringComparison.Ordinal);
        Assert.Contains(run.Parameters["trainer.name"], page.Text, StringComparison.Ordinal);
        Assert.Contains(Rendering.Format.Metric(run.Metrics["roc_auc"]), page.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/runs/{id}/artifacts/curves.json\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/runs/{id}/artifacts/roc.png\" alt=\"ROC\"", page.Html, StringComparison.Ordinal);

        var plot = await Running.Client.GetAsync($"/runs/{id}/artifacts/roc.png", TestContext.Current.CancellationToken);
        Assert.Equal("image/png", plot.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0x89, (await plot.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))[0]);
    }

    [Fact]
    public async Task ArtifactDownloadsAreTheRecordedBytes()
    {
        var id = Running.Seeded.EvaluateRuns[^2];
        var artifact = Running.Registry.GetRun(id).Artifacts.Single(a => a.Path.EndsWith("curves.json", StringComparison.Ordinal));

        var response = await Running.Client.GetAsync($"/runs/{id}/artifacts/curves.json", TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(artifact.Sha256, Kiln.Hashing.FileHash.Sha256(bytes));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task CompareOverlaysOneRocAndOnePrLinePerEvaluatedRunAndDiffsParameters()
    {
        var runs = Running.Seeded.EvaluateRuns.TakeLast(5).Append(Running.Seeded.TrainRuns[^1]).ToList();
        var withCurves = runs.Count(r => Running.Registry.GetRun(r).Artifacts.Any(a => a.Path.EndsWith("curves.json", StringComparison.Ordinal)));

        var page = await Page.GetAsync(Running.Client, "/compare?" + string.Join("&", runs.Select(r => "run=" + r)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.InRange(withCurves, 3, 5);
        var charts = Regex.Matches(page.Html, "<svg class=\"chart\"[^>]*data-series=\"(\\d+)\"");
        Assert.Equal([$"{withCurves}", $"{withCurves}"], charts.Select(c => c.Groups[1].Value));
        Assert.Equal(2 * withCurves, Regex.Matches(page.Html, "<polyline class=\"series\"").Count);
        Assert.Contains("is a train run; only evaluations record curves", page.Text, StringComparison.Ordinal);
        Assert.Contains("parameters differ", page.Text, StringComparison.Ordinal);
        Assert.Contains("(base)", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareHandlesAHundredRuns()
    {
        var runs = Running.Registry.Store.QueryRuns(new Registry.Queries.RunQuery(Limit: 100)).Runs;

        var page = await Page.GetAsync(Running.Client, "/compare?" + string.Join("&", runs.Select(r => "run=" + r.Id)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Compare {runs.Count} runs", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsPageShowsTheChampionAndModelPageTheDecisionsImagesAndHistory()
    {
        var champion = Running.Registry.Store.Aliases("churn")[PromotionPolicy.ChampionAlias];

        var models = await Page.GetAsync(Running.Client, "/models");
        var model = await Page.GetAsync(Running.Client, "/models/churn");

        Assert.Contains($"@champion → v{champion}", models.Words, StringComparison.Ordinal);
        Assert.Contains("no champion yet; passes every gate", model.Text, StringComparison.Ordinal);
        Assert.Contains("kiln-churn:1.0.", model.Text, StringComparison.Ordinal);
        Assert.Contains("over-predicts churn for customers in their first month", model.Text, StringComparison.Ordinal);
        Assert.Contains("registration: ", model.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionPageRendersTheModelCardAndOffersNoMovesWhenReadOnly()
    {
        var version = Running.Seeded.Versions[^1];

        var page = await Page.GetAsync(Running.Client, $"/models/churn/versions/{version}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<h3>Intended use</h3>", page.Html, StringComparison.Ordinal);
        Assert.Contains("Rank customers by churn risk", page.Text, StringComparison.Ordinal);
        Assert.Contains("Read-only: start the dashboard with a token", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/aliases/champion/move", page.Html, StringComparison.Ordinal);
    }
}
