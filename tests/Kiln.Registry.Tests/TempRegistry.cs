using Kiln.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace Kiln.Registry.Tests;

/// <summary>A registry on a real SQLite file in a fresh temp directory, deleted afterwards.</summary>
public sealed class TempRegistry : RegistryBackend
{
    public TempRegistry()
    {
        Options = new RegistryOptions(Path.Combine(Directory, "registry", "kiln.db"));
    }

    /// <inheritdoc />
    public override string StoreUri => RegistryStores.SqliteScheme + Options.DatabasePath;

    /// <inheritdoc />
    public override string Location => Options.DatabasePath;

    /// <inheritdoc />
    public override RegistryOptions Options { get; }

    /// <inheritdoc />
    public override string StoreDirectory => Options.StoreDirectory;

    /// <inheritdoc />
    public override RelationalRegistryStore OpenStore(int? targetVersion = null, StoreAccess access = StoreAccess.ReadWrite) =>
        new SqliteRegistryStore(Options with { Access = access }, targetVersion ?? Migrations.Latest);

    /// <inheritdoc />
    public override void CreateEmptyDatabase()
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Options.DatabasePath)!);
        System.IO.File.WriteAllBytes(Options.DatabasePath, []);
    }

    /// <inheritdoc />
    public override List<string> Tables() => Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");

    /// <inheritdoc />
    public override void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Options.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override List<T> Query<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Options.DatabasePath}");
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

    /// <inheritdoc />
    protected override void DropDatabase() => SqliteConnection.ClearAllPools();
}
