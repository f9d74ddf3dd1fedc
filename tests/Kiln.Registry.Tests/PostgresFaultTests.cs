using System.Net;
using System.Net.Sockets;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;
using Kiln.Registry.Tests.Fixtures;
using Npgsql;

namespace Kiln.Registry.Tests;

/// <summary>What a PostgreSQL registry does when the server refuses, is missing, or goes away in the middle of a run: one clear line, nothing half-written.</summary>
/// <remarks>A schema from a newer Kiln is refused by the contract suite on both backends (MigrationTests.DatabaseFromNewerKilnIsRefusedWithBothVersionsNamed).</remarks>
public sealed class PostgresFaultTests
{
    [Fact]
    public void AWrongPasswordIsOneLineNamingTheUserAndWhereToSetItAndNeverThePassword()
    {
        using var temp = new TempPostgresRegistry();
        var role = "kiln_fault_" + Guid.NewGuid().ToString("N")[..12];
        temp.Execute($"CREATE ROLE {role} LOGIN PASSWORD 'right-password'");
        try
        {
            var options = temp.Options with
            {
                Store = temp.Server.StoreUri(temp.Database, role),
                Postgres = TempPostgresRegistry.QuickRetries with { Password = "wrong-password" },
            };

            var error = Assert.Throws<RegistryException>(() => ModelRegistry.Open(options));

            Assert.StartsWith($"PostgreSQL at {temp.Server.Host}:{temp.Server.Port} refused the password of user '{role}'", error.Message, StringComparison.Ordinal);
            Assert.Contains("--registry-store-password (REGISTRY_STORE_PASSWORD)", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-password", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            temp.Execute($"DROP ROLE {role}");
        }
    }

    [Fact]
    public void AnUnreachableServerIsTriedAgainWithBackoffThenNamedByHostAndPort()
    {
        using var temp = new TempPostgresRegistry();
        var port = UnusedPort();
        var options = temp.Options with { Store = $"postgres://kiln@127.0.0.1:{port}/kiln" };

        var error = Assert.Throws<RegistryException>(() => ModelRegistry.Open(options));

        Assert.StartsWith($"Cannot reach the registry database at 127.0.0.1:{port} (postgres://kiln@127.0.0.1:{port}/kiln) after 3 attempts in ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Is the server running and is registry.store right?", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
    }

    [Fact]
    public void ConnectionsEndedByAServerRestartAreOpenedAgainAndTheRunLosesNothing()
    {
        using var temp = new TempPostgresRegistry();
        var registry = temp.Open();
        var id = registry.StartRun(new RunStart(RunKind.Train));
        registry.LogParameters(id, new Dictionary<string, string> { ["trainer"] = "lightgbm" });

        // What a restart does to every pooled connection: the server ends them (57P01 admin_shutdown on the next use).
        var ended = temp.Query<bool>(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{temp.Database}' AND pid <> pg_backend_pid()");
        registry.LogMetrics(id, new Dictionary<string, double> { ["roc_auc"] = 0.84 });
        registry.FinishRun(id, RunStatus.Succeeded);

        Assert.NotEmpty(ended);
        var run = temp.Open().GetRun(id);
        Assert.Equal((RunStatus.Succeeded, "lightgbm", 0.84), (run.Status, run.Parameters["trainer"], run.Metrics["roc_auc"]));
    }

    [Fact]
    public void AServerGoneInTheMiddleOfARunFailsTheWriteInOneLineAndTheRunAndRegistrationResumeOnceItIsBack()
    {
        using var temp = new TempPostgresRegistry();
        using var forwarder = new TcpForwarder(temp.Server.Host, temp.Server.Port);
        forwarder.Start();
        var options = temp.Options with { Store = $"postgres://{temp.Server.User}@127.0.0.1:{forwarder.Port}/{temp.Database}" };
        var registry = ModelRegistry.Open(options);
        var id = registry.StartRun(new RunStart(RunKind.Register));
        registry.LogParameters(id, new Dictionary<string, string> { ["trainer"] = "lightgbm" });
        var model = temp.File("model.onnx");

        forwarder.Stop();
        var metricError = Assert.Throws<RegistryException>(() => registry.LogMetrics(id, new Dictionary<string, double> { ["roc_auc"] = 0.84 }));
        var registerError = Assert.Throws<RegistryException>(() => registry.Register(RegistryBackend.Request(model) with { SourceRunId = id }));
        forwarder.Start();

        Assert.StartsWith($"Cannot reach the registry database at 127.0.0.1:{forwarder.Port}", metricError.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Cannot reach the registry database at 127.0.0.1:{forwarder.Port}", registerError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', metricError.Message);
        Assert.Empty(temp.Open().ListVersions("churn"));

        registry.LogMetrics(id, new Dictionary<string, double> { ["roc_auc"] = 0.84 });
        var registered = registry.Register(RegistryBackend.Request(model) with { SourceRunId = id });
        registry.FinishRun(id, RunStatus.Succeeded);

        var run = temp.Open().GetRun(id);
        Assert.Equal((RunStatus.Succeeded, "lightgbm", 0.84), (run.Status, run.Parameters["trainer"], run.Metrics["roc_auc"]));
        Assert.Equal(1, Assert.Single(temp.Open().ListVersions("churn")).Version);
        Assert.True(registered.Created);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
