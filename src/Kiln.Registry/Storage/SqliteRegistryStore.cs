using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Kiln.Registry.Storage;

/// <summary>The registry in one SQLite file (WAL, busy timeout, write transactions taken with BEGIN IMMEDIATE and retried while another writer holds the lock).</summary>
public sealed partial class SqliteRegistryStore : IRegistryStore
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteNotADatabase = 26;

    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly string _storeDirectory;

    /// <summary>Opens (creating if needed) the database in <paramref name="options"/> and upgrades its schema to the newest version.</summary>
    public SqliteRegistryStore(RegistryOptions options)
        : this(options, Migrations.Latest)
    {
    }

    /// <summary>Opens the database but migrates only up to <paramref name="targetVersion"/>; tests use this to make older databases.</summary>
    internal SqliteRegistryStore(RegistryOptions options, int targetVersion)
    {
        Location = Path.GetFullPath(options.DatabasePath);
        _busyTimeout = options.EffectiveBusyTimeout;
        _storeDirectory = options.StoreDirectory;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"Cannot create the registry directory for '{Location}': {e.Message}", e);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(_busyTimeout.TotalSeconds),
            Pooling = true,
        }.ToString();

        // WAL lets readers (the serving process resolving aliases) proceed while a registration writes.
        Execute(connection => Scalar(connection, "PRAGMA journal_mode=WAL;"));
        SchemaVersion = new SchemaMigrator(this).Migrate(targetVersion);
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The schema version of the opened database after migration.</summary>
    public int SchemaVersion { get; }

    /// <summary>Test hook: runs inside the registration transaction after every row is written and before COMMIT.</summary>
    internal Action? BeforeVersionCommit { get; set; }

    /// <summary>Runs <paramref name="work"/> on an open connection, retrying while another writer holds the lock and turning SQLite errors into registry errors.</summary>
    internal T Execute<T>(Func<SqliteConnection, T> work)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new SqliteConnection(_connectionString);
                connection.Open();
                using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = $"PRAGMA busy_timeout = {(long)_busyTimeout.TotalMilliseconds};";
                    pragma.ExecuteNonQuery();
                }

                return work(connection);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked && clock.Elapsed < _busyTimeout)
            {
                // Jittered backoff so two processes that collided do not collide again in lockstep.
                Thread.Sleep(Random.Shared.Next(5, 20 + Math.Min(attempt * 10, 200)));
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
            {
                throw new RegistryException(
                    $"The registry database '{Location}' stayed locked by another process for {_busyTimeout.TotalSeconds:0} s: {e.Message}", e);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
            {
                throw new RegistryException($"'{Location}' is not a SQLite database; point the registry at another file.", e);
            }
            catch (SqliteException e)
            {
                throw new RegistryException($"The registry database '{Location}' failed: {e.Message}", e);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction begun with BEGIN IMMEDIATE, so concurrent writers queue for the lock up front instead of failing on lock upgrade.</summary>
    internal T Write<T>(Func<SqliteConnection, T> work) => Execute(connection => InTransaction(connection, "BEGIN IMMEDIATE;", work));

    /// <summary>Runs <paramref name="work"/> in a read transaction so several queries see one snapshot.</summary>
    internal T Read<T>(Func<SqliteConnection, T> work) => Execute(connection => InTransaction(connection, "BEGIN;", work));

    // Raw BEGIN/COMMIT rather than SqliteTransaction: the latter insists every command be bound to it, which would thread a transaction object through every query.
    private static T InTransaction<T>(SqliteConnection connection, string begin, Func<SqliteConnection, T> work)
    {
        NonQuery(connection, begin);
        try
        {
            var result = work(connection);
            NonQuery(connection, "COMMIT;");
            return result;
        }
        catch
        {
            using var rollback = Command(connection, "ROLLBACK;");
            try
            {
                rollback.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // SQLite already rolled back on its own (e.g. after a busy error); nothing is left to undo.
            }

            throw;
        }
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    internal static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    internal static int NonQuery(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
