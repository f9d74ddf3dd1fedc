using System.Net;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry.Promotion;

namespace Kiln.Dashboard.Tests;

public sealed class AliasMoveTests
{
    private const string AntiforgeryField = "__kiln_antiforgery";

    [Fact]
    public async Task ReadOnlyDashboardShowsNoFormAndRefusesAPost()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small);
        var (url, target, _) = Move(running);

        var form = await Page.GetAsync(running.Client, url);
        var post = await Page.PostAsync(running.Client, url, [new("to", $"{target}"), new("token", RunningDashboard.Token), new("Reason", "try")]);

        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("This dashboard is read-only", form.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\"", form.Html, StringComparison.Ordinal);
        Assert.True(post.Status is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"got {post.Status}");
        Assert.Equal(Champion(running), Move(running).Current);
    }

    [Fact]
    public async Task MoveWithoutTheAntiforgeryTokenIsRefusedAndChangesNothing()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small, RunningDashboard.Token);
        var (url, target, current) = Move(running);
        var form = await Page.GetAsync(running.Client, url);

        var post = await Page.PostAsync(running.Client, url,
            [new("to", $"{target}"), new("expected", $"{current}"), new("token", RunningDashboard.Token), new("Reason", "roll back")]);

        Assert.NotNull(form.Hidden(AntiforgeryField));
        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Contains("anti-forgery token is missing or does not match", post.Text, StringComparison.Ordinal);
        Assert.Equal(current, Champion(running));
    }

    [Fact]
    public async Task MoveWithAWrongTokenIsRefusedAndChangesNothing()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small, RunningDashboard.Token);
        var (url, target, current) = Move(running);
        var form = await Page.GetAsync(running.Client, url);

        var post = await Page.PostAsync(running.Client, url, Fields(form, target, current, "not-the-token-0123456789", "roll back"));

        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Contains("Not moved: The token is wrong, so nothing was changed.", post.Words, StringComparison.Ordinal);
        Assert.Equal(current, Champion(running));
        Assert.DoesNotContain(running.Registry.Store.AliasHistory("churn", 50), h => h.Reason == "roll back");
    }

    [Fact]
    public async Task MoveWithTheTokenAndAReasonMovesTheAliasAndRecordsWhy()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small, RunningDashboard.Token);
        var (url, target, current) = Move(running);
        var form = await Page.GetAsync(running.Client, url);

        var post = await Page.PostAsync(running.Client, url, Fields(form, target, current, RunningDashboard.Token, "v3 misranks new customers; back to the previous one"));
        var confirmation = await Page.GetAsync(running.Client, post.Response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, post.Status);
        Assert.Equal(target, Champion(running));
        var last = running.Registry.Store.AliasHistory("churn", 1).Single();
        Assert.Equal((PromotionPolicy.ChampionAlias, (int?)target, "v3 misranks new customers; back to the previous one"), (last.Alias, last.Version, last.Reason));
        Assert.Contains($"@champion now points at v{target}", confirmation.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveWithoutAReasonIsRefused()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small, RunningDashboard.Token);
        var (url, target, current) = Move(running);
        var form = await Page.GetAsync(running.Client, url);

        var post = await Page.PostAsync(running.Client, url, Fields(form, target, current, RunningDashboard.Token, "   "));

        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Contains("Give a reason", post.Text, StringComparison.Ordinal);
        Assert.Equal(current, Champion(running));
    }

    [Fact]
    public async Task MoveOfAnAliasThatMovedSinceThePageWasShownIsAConflict()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small, RunningDashboard.Token);
        var (url, target, current) = Move(running);
        var form = await Page.GetAsync(running.Client, url);
        var other = running.Seeded.Versions.First(v => v != target && v != current);
        running.Registry.SetAlias("churn", PromotionPolicy.ChampionAlias, other);

        var post = await Page.PostAsync(running.Client, url, Fields(form, target, current, RunningDashboard.Token, "roll back"));

        Assert.Equal(HttpStatusCode.Conflict, post.Status);
        Assert.Contains($"@champion of 'churn' now points at v{other}, not v{current} as when the move was prepared; nothing was changed.", post.Text, StringComparison.Ordinal);
        Assert.Equal(other, Champion(running));
    }

    // Moving the champion to the oldest version that is not the champion: a rollback.
    private static (string Url, int Target, int Current) Move(RunningDashboard running)
    {
        var current = Champion(running);
        var target = running.Seeded.Versions.First(v => v != current);
        return ($"/models/churn/aliases/champion/move?to={target}", target, current);
    }

    private static int Champion(RunningDashboard running) => running.Registry.Store.Aliases("churn")[PromotionPolicy.ChampionAlias];

    private static KeyValuePair<string, string>[] Fields(Page form, int target, int current, string token, string reason) =>
    [
        new(AntiforgeryField, form.Hidden(AntiforgeryField) ?? throw new InvalidOperationException("the form has no anti-forgery token")),
        new("to", $"{target}"), new("expected", $"{current}"), new("token", token), new("Reason", reason),
    ];
}
