using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Kiln.Registry.Storage;

/// <summary>The registry in one SQLite file (WAL, busy timeout, write transactions taken with BEGIN IMMEDIATE and retried while another writer holds the lock).</summary>
public sealed class SqliteRegistryStore : RelationalRegistryStore
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;

    /// <summary>Opens the SQLite database in <paramref name="options"/>: read-write (creating it if needed and upgrading its schema to the newest version) or, with <see cref="StoreAccess.ReadOnly"/>, only reading it.</summary>
    public SqliteRegistryStore(RegistryOptions options)
        : this(options, Migrations.Latest)
    {
    }

    /// <summary>Opens the database but migrates only up to <paramref name="targetVersion"/>; tests use this to make older databases.</summary>
    /// <param name="options">Where the file is and how it is opened.</param>
    /// <param name="targetVersion">The schema version to migrate to.</param>
    /// <param name="artifactPath">The local path of a stored artifact; null is <c>store/&lt;sha256&gt;</c> beside the database.</param>
    internal SqliteRegistryStore(RegistryOptions options, int targetVersion, Func<string, string>? artifactPath = null)
        : base(Path.GetFullPath(options.DatabasePath), artifactPath ?? (sha256 => Path.Combine(options.StoreDirectory, sha256)))
    {
        ArgumentNullException.ThrowIfNull(options);
        _busyTimeout = options.EffectiveBusyTimeout;
        Access = options.Access;
        if (Access == StoreAccess.ReadOnly)
        {
            // Opening a missing file read-only fails anyway; this says why, and a reader must never create a registry.
            if (!File.Exists(Location))
            {
                throw new RegistryException($"There is no registry database at '{Location}' (opened read-only, so it is not created): register a model first (./build.sh Register).");
            }
        }
        else
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RegistryException($"Cannot create the registry directory for '{Location}': {e.Message}", e);
            }
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = Access == StoreAccess.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(_busyTimeout.TotalSeconds),
            Pooling = true,
        }.ToString();

        if (Access == StoreAccess.ReadWrite)
        {
            // WAL lets readers (the serving process resolving aliases) proceed while a registration writes.
            Execute(connection => Scalar(connection, "PRAGMA journal_mode=WAL;"));
        }

        OpenSchema(targetVersion);
    }

    /// <inheritdoc />
    internal override string HistoryOrder => "rowid";

    /// <inheritdoc />
    internal override string RealType => "REAL";

    /// <inheritdoc />
    internal override string IsNumericText(string column) => $"({column} <> '' AND {column} NOT GLOB '*[^0-9eE.+-]*' AND {column} GLOB '*[0-9]*')";

    /// <inheritdoc />
    internal override string ContainsText(string column, string needle) => $"instr({column}, {needle}) > 0";

    /// <summary>Nothing to lock: BEGIN IMMEDIATE already excludes every other writer of the file.</summary>
    internal override void LockStudy(DbConnection connection, string study)
    {
    }

    /// <inheritdoc />
    internal override IReadOnlyList<Migration> Steps => Migrations.All;

    /// <summary>Runs <paramref name="work"/> in a write transaction begun with BEGIN IMMEDIATE, so concurrent writers queue for the lock up front instead of failing on lock upgrade.</summary>
    internal override T Write<T>(Func<DbConnection, T> work) => Execute(connection => InTransaction(connection, "BEGIN IMMEDIATE;", work));

    /// <inheritdoc />
    internal override T Read<T>(Func<DbConnection, T> work) => Execute(connection => InTransaction(connection, "BEGIN;", work));

    /// <summary>Nothing to do: BEGIN IMMEDIATE already excludes every other writer of the file.</summary>
    internal override void LockModel(DbConnection connection, string model)
    {
    }

    /// <summary>Nothing to do: BEGIN IMMEDIATE already excludes every other writer of the file.</summary>
    internal override void LockSchema(DbConnection connection)
    {
    }

    /// <inheritdoc />
    internal override bool HasTable(DbConnection connection, string table) =>
        Scalar(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @name;", ("@name", table)) is not null;

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
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteReadOnly)
            {
                throw new RegistryException(
                    $"The registry database '{Location}' cannot be written ({(Access == StoreAccess.ReadOnly ? "it was opened read-only" : "the file or its directory is read-only")}): {e.Message}", e);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteCantOpen)
            {
                throw new RegistryException($"Cannot open the registry database '{Location}': {e.Message}", e);
            }
            catch (SqliteException e)
            {
                throw new RegistryException($"The registry database '{Location}' failed: {e.Message}", e);
            }
        }
    }

    // Raw BEGIN/COMMIT rather than SqliteTransaction: the latter insists every command be bound to it, which would thread a transaction object through every query.
    private static T InTransaction<T>(SqliteConnection connection, string begin, Func<DbConnection, T> work)
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
}
