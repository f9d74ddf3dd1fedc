using System.Net;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Tests;

public sealed class BadInputTests(SeededDashboard dashboard)
{
    private RunningDashboard Running => dashboard.Running;

    [Theory]
    [InlineData("/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ", "There is no run '01ZZZZZZZZZZZZZZZZZZZZZZZZ' in the registry.")]
    [InlineData("/models/fraud", "There is no model 'fraud'; registered models: churn.")]
    [InlineData("/models/churn/aliases/champion/move?to=999", "Model 'churn' has no version 999.")]
    [InlineData("/no/such/page", "There is no page at /no/such/page.")]
    public async Task UnknownThingsGetA404PageSayingWhat(string url, string message)
    {
        var page = await Page.GetAsync(Running.Client, url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Not found", page.Text, StringComparison.Ordinal);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Contains("text/html", page.Response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVersionIsA404ListingTheModelsVersions()
    {
        var page = await Page.GetAsync(Running.Client, "/models/churn/versions/999");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains($"Model 'churn' has no version 999; its versions are {string.Join(", ", Running.Seeded.Versions)}.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareNeedsAtLeastTwoRuns()
    {
        var page = await Page.GetAsync(Running.Client, "/compare?run=" + Running.Seeded.EvaluateRuns[0]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Pick at least two runs to compare", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareRefusesMoreThanAHundredRuns()
    {
        var ids = Enumerable.Range(0, 101).Select(i => $"01J{i:D23}");

        var page = await Page.GetAsync(Running.Client, "/compare?" + string.Join("&", ids.Select(id => "run=" + id)));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("At most 100 runs can be compared at once; got 101.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareWithAnUnknownRunIsA404NamingIt()
    {
        var page = await Page.GetAsync(Running.Client, $"/compare?run={Running.Seeded.EvaluateRuns[0]}&run=NOPE");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("There is no run 'NOPE' in the registry; the other 1 exist.", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report.csv", "has no artifact named 'report.csv'; its artifacts are: curves.json")]
    [InlineData("..%2F..%2Fkiln.db", "has no artifact named '..%2F..%2Fkiln.db'")]
    public async Task AnArtifactTheRunDidNotRecordIsNotFound(string name, string message)
    {
        var id = Running.Seeded.EvaluateRuns[0];

        var page = await Page.GetAsync(Running.Client, $"/runs/{id}/artifacts/{name}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArtifactRecordedWithAHashThatEscapesTheStoreIsRefused()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small);
        var run = running.Seeded.EvaluateRuns[0];
        running.Registry.Store.AddArtifact(run, new ArtifactRecord("/tmp/out/secrets.txt", "../kiln.db", 4096));

        var page = await Page.GetAsync(running.Client, $"/runs/{run}/artifacts/secrets.txt");
        var runPage = await Page.GetAsync(running.Client, $"/runs/{run}");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("'secrets.txt' was refused: the recorded hash '../kiln.db' is not a sha256, so it cannot name a file in the artifact store; refusing to read it.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite format", page.Html, StringComparison.Ordinal);
        Assert.Contains("secrets.txt (not in the store)", runPage.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArtifactWhoseStoredBytesChangedIsNotServed()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small);
        var run = running.Seeded.EvaluateRuns[0];
        var curves = running.Registry.GetRun(run).Artifacts.Single(a => a.Path.EndsWith("curves.json", StringComparison.Ordinal));
        await File.WriteAllTextAsync(running.Registry.Content.LocalPath(curves.Sha256), "{\"roc\": []}", TestContext.Current.CancellationToken);

        var page = await Page.GetAsync(running.Client, $"/runs/{run}/artifacts/curves.json");
        var compare = await Page.GetAsync(running.Client, $"/compare?run={run}&run={running.Seeded.EvaluateRuns[1]}");

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("is corrupted: expected sha256 " + curves.Sha256, page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, compare.Status);
        Assert.Contains("is corrupted", compare.Text, StringComparison.Ordinal);
    }
}
