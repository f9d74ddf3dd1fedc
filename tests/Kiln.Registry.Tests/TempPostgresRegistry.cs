using Kiln.Registry.Storage;
using Kiln.Registry.Tests.Fixtures;
using Npgsql;

namespace Kiln.Registry.Tests;

/// <summary>A registry in a fresh database on the PostgreSQL test server (.ci/postgres.sh), dropped afterwards; skipped (failed in CI) without a server.</summary>
internal sealed class TempPostgresRegistry : RegistryBackend
{
    /// <summary>Quick retries, so a test of a fault gives up within a second or two.</summary>
    public static readonly PostgresSettings QuickRetries = new(MaxAttempts: 3, FirstRetryDelay: TimeSpan.FromMilliseconds(50), ConnectTimeout: TimeSpan.FromSeconds(2));

    public TempPostgresRegistry()
    {
        Server = PostgresTestServer.Require();
        Database = Server.CreateDatabase();
        Options = new RegistryOptions(StoreUri, Artifacts: "file:" + StoreDirectory, Postgres: QuickRetries);
    }

    /// <summary>The server the database is on.</summary>
    public PostgresTestServer Server { get; }

    /// <summary>The database's name.</summary>
    public string Database { get; }

    /// <inheritdoc />
    public override string StoreUri => Server.StoreUri(Database);

    /// <inheritdoc />
    public override string Location => StoreUri;

    /// <inheritdoc />
    public override RegistryOptions Options { get; }

    /// <inheritdoc />
    public override RelationalRegistryStore OpenStore(int? targetVersion = null, StoreAccess access = StoreAccess.ReadWrite) =>
        new PostgresRegistryStore(Options with { Access = access }, targetVersion ?? PostgresMigrations.Latest, sha256 => Path.Combine(StoreDirectory, sha256));

    /// <inheritdoc />
    public override void CreateEmptyDatabase()
    {
        // The database was created empty.
    }

    /// <inheritdoc />
    public override List<string> Tables() =>
        Query<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");

    /// <inheritdoc />
    public override void Execute(string sql)
    {
        using var connection = Server.Open(database: Database);
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override List<T> Query<T>(string sql)
    {
        using var connection = Server.Open(database: Database);
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <inheritdoc />
    protected override void DropDatabase() => Server.DropDatabase(Database);
}
