using Kiln.Registry.Runs;
using Kiln.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace Kiln.Registry.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void FreshDatabaseGetsEveryMigrationRecordedInOrder()
    {
        using var temp = new TempRegistry();
        var store = new SqliteRegistryStore(temp.Options);

        Assert.Equal(Migrations.Latest, store.SchemaVersion);
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), Query<long>(temp, "SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal("wal", Query<string>(temp, "PRAGMA journal_mode").Single());
    }

    [Fact]
    public void OlderDatabaseIsUpgradedInPlaceAndKeepsItsRuns()
    {
        using var temp = new TempRegistry();
        _ = new SqliteRegistryStore(temp.Options, targetVersion: 1);
        const string runId = "01JOLDRUN";

        // Rows as the Kiln of schema 1 wrote them: today's code writes columns that schema did not have.
        Execute(temp, $"INSERT INTO runs (id, kind, status, started_at, ended_at, git_version, environment) VALUES ('{runId}', 'train', 'succeeded', 1000, 2000, '0.1.0', 'local')");
        Execute(temp, $"INSERT INTO run_params (run_id, key, value) VALUES ('{runId}', 'trees', '100')");
        Assert.Empty(Query<string>(temp, "SELECT name FROM sqlite_master WHERE name = 'model_versions'"));

        var upgraded = temp.Open();

        Assert.Equal(Migrations.Latest, ((SqliteRegistryStore)upgraded.Store).SchemaVersion);
        var run = upgraded.GetRun(runId);
        Assert.Equal(("100", RunStatus.Succeeded, (RunOwner?)null), (run.Parameters["trees"], run.Status, run.Owner));
        var version = upgraded.Register(TempRegistry.Request(temp.File("model.onnx")) with { SourceRunId = runId }).Version;
        Assert.Equal(1, version.Version);
    }

    [Fact]
    public void DatabaseFromNewerKilnIsRefusedWithBothVersionsNamed()
    {
        using var temp = new TempRegistry();
        _ = temp.Open();
        Execute(temp, "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'from the future', 0)");

        var error = Assert.Throws<SchemaVersionException>(temp.Open);

        Assert.Equal(99, error.DatabaseVersion);
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to version {Migrations.Latest}", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Options.DatabasePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileThatIsNotADatabaseGetsAClearErrorNamingIt()
    {
        using var temp = new TempRegistry();
        Directory.CreateDirectory(Path.GetDirectoryName(temp.Options.DatabasePath)!);
        File.WriteAllText(temp.Options.DatabasePath, "id,label\n1,0\n2,1\n" + new string('x', 4096));

        var error = Assert.Throws<RegistryException>(temp.Open);

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Options.DatabasePath, error.Message, StringComparison.Ordinal);
    }

    private static List<T> Query<T>(TempRegistry temp, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={temp.Options.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static void Execute(TempRegistry temp, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={temp.Options.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
