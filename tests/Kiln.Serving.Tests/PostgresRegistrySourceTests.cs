using System.Text.Json;
using Kiln.Registry.Tests.Fixtures;
using Kiln.Serving.Tests.Support;
using Kiln.Testing;

namespace Kiln.Serving.Tests;

/// <summary>The service resolving <c>models:/</c> from a shared PostgreSQL registry (.ci/postgres.sh) with a role that may only read.</summary>
public sealed class PostgresRegistrySourceTests(ServingFixture fixture)
{
    [Fact]
    public async Task ServesThePostgresChampionWithARoleThatHasOnlySelect()
    {
        var server = PostgresTestServer.Require();
        var database = server.CreateDatabase();
        var reader = "kiln_serving_" + Guid.NewGuid().ToString("N")[..10];
        try
        {
            using var registry = new TestRegistry(fixture.ModelPath, store: server.StoreUri(database));
            using (var admin = server.Open(database: database))
            {
                foreach (var sql in new[] { $"CREATE ROLE {reader} LOGIN PASSWORD 'reader-password'", $"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}" })
                {
                    using var command = new Npgsql.NpgsqlCommand(sql, admin);
                    command.ExecuteNonQuery();
                }
            }

            await using var app = new KilnAppFactory(fixture.Settings(
                ("Kiln:Model:Path", null), ("Kiln:Model:Source", "models:/churn@champion"),
                ("Kiln:Registry:Store", server.StoreUri(database, reader)),
                ("Kiln:Registry:Artifacts", registry.Artifacts), ("Kiln:Registry:Password", "reader-password")));
            using var client = await app.CreateReadyClientAsync();
            var rows = TestModel.Generate(3, 11);

            using var response = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(rows)), TestContext.Current.CancellationToken);
            var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.All(results.EnumerateArray(), r => Assert.Equal(("churn", "1"), (r.GetProperty("model").GetString(), r.GetProperty("version").GetString())));
            Assert.Equal(DirectOrt.Score(fixture.ModelPath, rows).Select(e => e.Probability), results.EnumerateArray().Select(r => r.GetProperty("probability").GetSingle()));
        }
        finally
        {
            server.DropDatabase(database);
            using var admin = server.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP ROLE IF EXISTS {reader}", admin);
            drop.ExecuteNonQuery();
        }
    }
}
