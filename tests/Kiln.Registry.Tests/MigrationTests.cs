using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

namespace Kiln.Registry.Tests;

/// <summary>The schema contract every store keeps: every step recorded in order, older databases upgraded in place, newer ones refused.</summary>
public abstract class MigrationTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    /// <summary>The steps of the kind under test.</summary>
    protected abstract IReadOnlyList<Migration> Steps { get; }

    [Fact]
    public void FreshDatabaseGetsEveryMigrationRecordedInOrder()
    {
        using var temp = NewRegistry();
        var store = temp.OpenStore();

        Assert.Equal(Migrations.Latest, store.SchemaVersion);
        Assert.Equal(Steps.Select(m => (long)m.Version), temp.Query<long>("SELECT CAST(version AS BIGINT) FROM schema_version ORDER BY version"));
        Assert.Equal(Migrations.All.Select(m => m.Description), temp.Query<string>("SELECT description FROM schema_version ORDER BY version"));
    }

    [Fact]
    public void OlderDatabaseIsUpgradedInPlaceAndKeepsItsRuns()
    {
        using var temp = NewRegistry();
        var old = temp.OpenStore(targetVersion: 1);
        const string runId = "01JOLDRUN";

        // Rows as the Kiln of schema 1 wrote them: today's code writes columns that schema did not have.
        temp.Execute($"INSERT INTO runs (id, kind, status, started_at, ended_at, git_version, environment) VALUES ('{runId}', 'train', 'succeeded', 1000, 2000, '0.1.0', 'local')");
        temp.Execute($"INSERT INTO run_params (run_id, key, value) VALUES ('{runId}', 'trees', '100')");

        var upgraded = temp.Open();

        Assert.Equal(1, old.SchemaVersion);
        Assert.Equal(Migrations.Latest, ((RelationalRegistryStore)upgraded.Store).SchemaVersion);
        var run = upgraded.GetRun(runId);
        Assert.Equal(("100", RunStatus.Succeeded, (RunOwner?)null), (run.Parameters["trees"], run.Status, run.Owner));
        var version = upgraded.Register(RegistryBackend.Request(temp.File("model.onnx")) with { SourceRunId = runId }).Version;
        Assert.Equal(1, version.Version);
    }

    [Fact]
    public void DatabaseFromNewerKilnIsRefusedWithBothVersionsNamed()
    {
        using var temp = NewRegistry();
        _ = temp.Open();
        temp.Execute("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'from the future', 0)");

        var error = Assert.Throws<SchemaVersionException>(temp.Open);
        var readOnly = Assert.Throws<SchemaVersionException>(() => temp.OpenStore(access: StoreAccess.ReadOnly));

        Assert.Equal(99, error.DatabaseVersion);
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to version {Migrations.Latest}", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Location, error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, readOnly.Message);
    }

    [Fact]
    public void EachStepOfThisKindMirrorsTheSqliteStepOfTheSameVersion()
    {
        Assert.Equal(Migrations.All.Select(m => (m.Version, m.Description)), Steps.Select(m => (m.Version, m.Description)));
    }
}
