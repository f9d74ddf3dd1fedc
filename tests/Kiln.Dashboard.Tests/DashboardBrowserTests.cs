using System.Text.RegularExpressions;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry.Promotion;
using Kiln.Registry.Queries;
using Microsoft.Playwright;

namespace Kiln.Dashboard.Tests;

public sealed class DashboardBrowserTests(SeededDashboard dashboard, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private RunningDashboard Running => dashboard.Running;

    [Fact]
    public async Task RunsPageShowsAPageOfRunsAndFiltersByATypedCondition()
    {
        await using var tab = await browser.OpenAsync(Running.Url);
        var page = tab.Page;
        var total = Running.Registry.Store.QueryRuns(new RunQuery(Limit: 1)).Total;

        await page.GotoAsync("/runs");

        Assert.Equal(50, await page.Locator("table.runs tbody tr").CountAsync());
        Assert.Equal($"Runs 1–50 of {total}", await page.Locator(".count").InnerTextAsync());
        Assert.Matches("^[✓✗●] (succeeded|failed|running)$", (await page.Locator("table.runs tbody tr .status").First.InnerTextAsync()).Trim());
        await tab.ScreenshotAsync("runs");

        await page.GetByLabel("Metric or param condition").FillAsync("roc_auc > 0.86");
        var filtered = page.WaitForURLAsync(new Regex("filter=roc_auc"));
        await page.GetByLabel("Metric or param condition").PressAsync("Enter");
        await filtered;

        var expected = Running.Registry.Store.QueryRuns(new RunQuery(RunFilter.Parse("roc_auc > 0.86"), Limit: 1000)).Total;
        Assert.Equal(Math.Min(50, expected), await page.Locator("table.runs tbody tr").CountAsync());
        var header = await page.Locator("table.runs thead th").AllInnerTextsAsync();
        var column = header.ToList().FindIndex(h => h.Trim() == "roc_auc");
        var cells = await page.Locator($"table.runs tbody tr td:nth-child({column + 1})").AllInnerTextsAsync();
        Assert.All(cells, cell => Assert.True(double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) > 0.86, cell));
        Assert.NotEmpty(cells);
        Assert.Empty(tab.ForeignRequests);
        await tab.ScreenshotAsync("runs-filtered");
    }

    [Fact]
    public async Task MalformedFilterShowsWhatIsWrongBesideTheForm()
    {
        await using var tab = await browser.OpenAsync(Running.Url);

        var response = await tab.Page.GotoAsync("/runs?filter=" + Uri.EscapeDataString("roc_auc => 0.85"));

        Assert.Equal(400, response!.Status);
        Assert.Contains("unknown operator '=>' at position 9", await tab.Page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await tab.Page.GetByLabel("Metric or param condition").GetAttributeAsync("aria-invalid"));
        await tab.ScreenshotAsync("runs-bad-filter");
    }

    [Fact]
    public async Task KeyboardAloneSkipsToContentFiltersAndOpensARun()
    {
        await using var tab = await browser.OpenAsync(Running.Url);
        var page = tab.Page;
        await page.GotoAsync("/runs");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("a|Skip to content", await tab.FocusedAsync());
        Assert.True(await page.GetByText("Skip to content").IsVisibleAsync());
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        await page.Keyboard.PressAsync("Enter");
        Assert.StartsWith("main#main", await tab.FocusedAsync(), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Tab");
        Assert.StartsWith("input#q", await tab.FocusedAsync(), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Tab");
        Assert.StartsWith("select#kind", await tab.FocusedAsync(), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("ArrowDown");   // any -> train
        await page.Keyboard.PressAsync("ArrowDown");   // train -> evaluate
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.StartsWith("input#q", await tab.FocusedAsync(), StringComparison.Ordinal);
        // Enter submits the filter form, as from any of its text fields; each wait is armed before its key is pressed.
        var filtered = page.WaitForURLAsync(new Regex("kind=evaluate"));
        await page.Keyboard.PressAsync("Enter");
        await filtered;
        Assert.All(await page.Locator("table.runs tbody tr td:nth-child(4)").AllInnerTextsAsync(), kind => Assert.Equal("evaluate", kind.Trim()));

        // Tab on to the first run link and follow it.
        var firstRun = await page.Locator("table.runs tbody tr a.mono").First.InnerTextAsync();
        await page.Locator("table.runs tbody tr input[type=checkbox]").First.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal($"a|{firstRun}", await tab.FocusedAsync());
        var opened = page.WaitForURLAsync($"**/runs/{firstRun}");
        await page.Keyboard.PressAsync("Enter");
        await opened;
        Assert.Contains(firstRun, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPageShowsLineageAndTheReportWithItsPlotsLoaded()
    {
        await using var tab = await browser.OpenAsync(Running.Url);
        var id = Running.Seeded.ReportedRuns[^1];

        await tab.Page.GotoAsync($"/runs/{id}");

        Assert.Contains("data/01-raw/churn.csv", await tab.Page.Locator("#lineage + table").InnerTextAsync(), StringComparison.Ordinal);
        var plots = tab.Page.Locator(".markdown img");
        Assert.Equal(3, await plots.CountAsync());
        foreach (var plot in await plots.AllAsync())
        {
            await plot.ScrollIntoViewIfNeededAsync();
            Assert.True(await plot.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), await plot.GetAttributeAsync("src"));
        }

        Assert.Empty(tab.ForeignRequests);
        await tab.ScreenshotAsync("run");
    }

    [Fact]
    public async Task TickingRunsAndComparingThemOverlaysTheirCurves()
    {
        await using var tab = await browser.OpenAsync(Running.Url);
        var page = tab.Page;
        await page.GotoAsync("/runs?kind=evaluate&status=succeeded");

        var boxes = page.Locator("table.runs tbody input[type=checkbox]");
        for (var i = 0; i < 4; i++)
        {
            await boxes.Nth(i).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Compare selected" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/compare\\?run="));

        Assert.Equal("Compare 4 runs", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(2, await page.Locator("svg.chart").CountAsync());
        Assert.Equal(8, await page.Locator("svg.chart polyline.series").CountAsync());
        Assert.Equal(4, await page.Locator("table.legend tbody tr").CountAsync());
        Assert.Equal("ROC curves (test split)", await page.Locator("svg.chart > title").First.TextContentAsync());
        Assert.Empty(tab.ForeignRequests);
        await tab.ScreenshotAsync("compare");
    }

    [Fact]
    public async Task ModelsLeadToTheChampionAndItsRenderedCard()
    {
        await using var tab = await browser.OpenAsync(Running.Url);
        var page = tab.Page;
        var champion = Running.Registry.Store.Aliases("churn")[PromotionPolicy.ChampionAlias];

        await page.GotoAsync("/models");
        await tab.ScreenshotAsync("models");
        await page.GetByRole(AriaRole.Link, new() { Name = "churn", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/models/churn");
        Assert.Contains($"@champion → v{champion}", await page.Locator("ul.aliases").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("table.versions tbody tr").CountAsync() >= 3);
        await tab.ScreenshotAsync("model");

        await page.Locator("ul.aliases").GetByRole(AriaRole.Link, new() { Name = $"v{champion}" }).ClickAsync();
        await page.WaitForURLAsync($"**/models/churn/versions/{champion}");
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Intended use" }).IsVisibleAsync());
        Assert.Contains("@champion", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await tab.ScreenshotAsync("version");
    }

    [Fact]
    public async Task RollingTheChampionBackInTheBrowserMovesItWithTheReason()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small, RunningDashboard.Token);
        await using var tab = await browser.OpenAsync(running.Url);
        var page = tab.Page;
        var champion = running.Registry.Store.Aliases("churn")[PromotionPolicy.ChampionAlias];
        var target = running.Seeded.Versions.First(v => v != champion);

        await page.GotoAsync($"/models/churn/versions/{target}");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("@champion") }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/aliases/champion/move\\?to="));
        Assert.Contains($"Now: v{champion}", await page.Locator("table.move-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Reason (recorded in the alias history)").FillAsync("the newer champion misranks first-month customers");
        await page.GetByLabel("Dashboard token").FillAsync(RunningDashboard.Token);
        await tab.ScreenshotAsync("move-alias");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Move @champion") }).ClickAsync();

        await page.WaitForURLAsync(new Regex($"/versions/{target}\\?moved=champion"));
        Assert.Contains($"@champion now points at v{target}", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(target, running.Registry.Store.Aliases("churn")[PromotionPolicy.ChampionAlias]);
        Assert.Equal("the newer champion misranks first-month customers", running.Registry.Store.AliasHistory("churn", 1).Single().Reason);
        await tab.ScreenshotAsync("move-alias-done");
    }

    [Fact]
    public async Task UnknownRunShowsANotFoundPage()
    {
        await using var tab = await browser.OpenAsync(Running.Url);

        var response = await tab.Page.GotoAsync("/runs/01NOSUCHRUN0000000000000000");

        Assert.Equal(404, response!.Status);
        Assert.Equal("Not found (404)", await tab.Page.Locator("h1").InnerTextAsync());
        await tab.ScreenshotAsync("not-found");
    }
}
