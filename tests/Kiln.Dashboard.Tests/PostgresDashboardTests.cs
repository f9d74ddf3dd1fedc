using System.Net;
using Kiln.Dashboard.Hosting;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry.Promotion;
using Kiln.Registry.Seeding;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Dashboard.Tests;

/// <summary>The standalone dashboard on a shared PostgreSQL registry (.ci/postgres.sh) instead of a SQLite file.</summary>
public sealed class PostgresDashboardTests
{
    [Fact]
    public async Task TheStandaloneDashboardOpensAPostgresRegistryAndListsItsRunsAndVersions()
    {
        var server = PostgresTestServer.Require();
        var database = server.CreateDatabase();
        using var directory = new TempDirectory();
        try
        {
            var registry = RegistryOpener.Open(new DashboardOptions
            {
                Registry = server.StoreUri(database),
                Artifacts = "file:" + Path.Combine(directory.Path, "store"),
            });
            var seeded = new RegistrySeeder(registry, Path.Combine(directory.Path, "work")).Seed(RunningDashboard.Small);
            await using var host = await DashboardHost.StartAsync(registry, new DashboardOptions { Port = 0 }, TestContext.Current.CancellationToken);
            using var client = new HttpClient { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(60) };

            var runs = await Page.GetAsync(client, "/runs");
            var models = await Page.GetAsync(client, "/models");
            var version = await Page.GetAsync(client, $"/models/churn/versions/{seeded.Versions[^1]}");

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (runs.Status, models.Status, version.Status));
            Assert.Contains($"/runs/{seeded.TrainRuns[^1]}", runs.Html, StringComparison.Ordinal);
            Assert.Contains($"@champion → v{registry.Store.Aliases("churn")[PromotionPolicy.ChampionAlias]}", models.Words, StringComparison.Ordinal);
            Assert.Contains("Rank customers by churn risk", version.Text, StringComparison.Ordinal);
            await host.StopAsync();
        }
        finally
        {
            server.DropDatabase(database);
        }
    }
}
