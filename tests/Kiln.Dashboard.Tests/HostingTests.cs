using System.Net;
using Kiln.Dashboard.Hosting;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry;

namespace Kiln.Dashboard.Tests;

public sealed class HostingTests(SeededDashboard dashboard)
{
    [Theory]
    [InlineData("0.0.0.0", null, "Kiln:Dashboard:Address 0.0.0.0 is not a loopback address; the dashboard only listens on loopback unless Kiln:Dashboard:AllowRemote is true")]
    [InlineData("localhost", null, "Kiln:Dashboard:Address 'localhost' is not an IP address")]
    [InlineData("127.0.0.1", "short", "Kiln:Dashboard:Token is 5 characters long; use at least 16")]
    public async Task BadSettingsStopStartUpWithTheKeyAndWhatToDo(string address, string? token, string message)
    {
        using var directory = new TempDirectory();
        var registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(directory.Path, "kiln.db")));

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            DashboardHost.StartAsync(registry, new DashboardOptions { Address = address, Port = 0, Token = token }, TestContext.Current.CancellationToken));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StandaloneDashboardRefusesAMissingRegistryInsteadOfCreatingOne()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "nothing", "kiln.db");

        var error = Assert.Throws<RegistryException>(() => RegistryOpener.Open(new DashboardOptions { Registry = path }));

        Assert.Equal($"There is no registry at '{path}' (Kiln:Dashboard:Registry); run ./build.sh Register first, or point it at an existing kiln.db", error.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public async Task ARequestForAnotherHostNameIsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/runs");
        request.Headers.Host = "attacker.example";

        var response = await dashboard.Running.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PagesCarryAStrictContentPolicyAndTheServerTime()
    {
        var response = await dashboard.Running.Client.GetAsync("/runs", TestContext.Current.CancellationToken);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Matches("^app;dur=\\d+\\.\\d$", response.Headers.GetValues("Server-Timing").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task EveryAssetAPageLinksIsServedByTheAppItself()
    {
        var page = await Page.GetAsync(dashboard.Running.Client, "/runs");
        var links = System.Text.RegularExpressions.Regex.Matches(page.Html, "(?:href|src)=\"(/assets/[^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        Assert.Equal(2, links.Count);
        Assert.DoesNotMatch("(?:href|src)=\"(?:https?:)?//", page.Html);
        foreach (var link in links)
        {
            var response = await dashboard.Running.Client.GetAsync(link, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("max-age=", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }
    }
}
