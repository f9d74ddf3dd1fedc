using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace Kiln.Registry.Storage;

/// <summary>The registry on a PostgreSQL server, shared by a team and its CI runners: READ COMMITTED writes serialised per model by a row lock,
/// snapshot reads, migrations under an advisory lock, and bounded retries with backoff when the server is unreachable or restarts.</summary>
public sealed class PostgresRegistryStore : RelationalRegistryStore
{
    // One fixed key of the advisory-lock space ("KILNSCHM"): Kiln processes migrating one database wait for each other.
    private const long SchemaLockKey = 0x4B494C4E5343484D;

    // One data source (and so one pool) per connection string for the whole process, as NpgsqlConnection's global pools were:
    // stores opened again and again (a dashboard, the tests) share idle connections instead of each keeping its own.
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new(StringComparer.Ordinal);

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSettings _settings;

    /// <summary>Opens the database <paramref name="options"/> names: read-write (creating and upgrading its tables as needed) or, with <see cref="StoreAccess.ReadOnly"/>, only reading it.</summary>
    /// <param name="options">The <c>postgres://</c> URI, password, retries and access.</param>
    /// <param name="artifactPath">The local path of the artifact with a given sha256 (the artifact store's <c>LocalPath</c>).</param>
    public PostgresRegistryStore(RegistryOptions options, Func<string, string> artifactPath)
        : this(options, PostgresMigrations.Latest, artifactPath)
    {
    }

    /// <summary>Opens the database but migrates only up to <paramref name="targetVersion"/>; tests use this to make older databases.</summary>
    internal PostgresRegistryStore(RegistryOptions options, int targetVersion, Func<string, string> artifactPath)
        : this(PostgresLocation.Parse(options.StoreUri, "the registry store"), options, targetVersion, artifactPath)
    {
    }

    private PostgresRegistryStore(PostgresLocation location, RegistryOptions options, int targetVersion, Func<string, string> artifactPath)
        : base(location.ToString(), artifactPath)
    {
        Server = location;
        _settings = options.Postgres ?? PostgresSettings.FromEnvironment();
        _settings.Validate();
        Access = options.Access;
        _dataSource = DataSources.GetOrAdd(location.ConnectionString(_settings, Access), static connectionString => new NpgsqlDataSourceBuilder(connectionString)
            // Kiln's tables use only built-in types (TEXT, INTEGER, BIGINT, DOUBLE PRECISION), so the catalogue query Npgsql otherwise
            // sends on each pool's first connection is not needed: a service finds its model about 0.1 s sooner.
            .ConfigureTypeLoading(types => types.EnableTypeLoading(false))
            .Build());
        OpenSchema(targetVersion);
    }

    /// <summary>The server, database and user.</summary>
    public PostgresLocation Server { get; }

    /// <inheritdoc />
    internal override string HistoryOrder => "id";

    /// <inheritdoc />
    internal override string RealType => "DOUBLE PRECISION";

    // Stricter than SQLite's character test, because PostgreSQL's cast fails on "1e" or "1-2" where SQLite's reads the leading number.
    /// <inheritdoc />
    internal override string IsNumericText(string column) => $"({column} ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')";

    /// <inheritdoc />
    internal override string ContainsText(string column, string needle) => $"strpos({column}, {needle}) > 0";

    /// <inheritdoc />
    internal override void LockStudy(DbConnection connection, string study) =>
        NonQuery(connection, "SELECT 1 FROM studies WHERE name = @study FOR UPDATE;", ("@study", study));

    /// <inheritdoc />
    internal override IReadOnlyList<Migration> Steps => PostgresMigrations.All;

    /// <summary>Runs <paramref name="work"/> in a READ COMMITTED transaction; whatever must not interleave takes <see cref="LockModel"/> or a conditional update.</summary>
    internal override T Write<T>(Func<DbConnection, T> work) => Execute(work, IsolationLevel.ReadCommitted);

    /// <summary>Runs <paramref name="work"/> in a REPEATABLE READ transaction, so a version read in several queries is never caught half-committed.</summary>
    internal override T Read<T>(Func<DbConnection, T> work) => Execute(work, IsolationLevel.RepeatableRead);

    /// <inheritdoc />
    internal override void LockModel(DbConnection connection, string model) =>
        NonQuery(connection, "SELECT 1 FROM registered_models WHERE name = @m FOR UPDATE;", ("@m", model));

    /// <inheritdoc />
    internal override void LockSchema(DbConnection connection) =>
        Scalar(connection, "SELECT pg_advisory_xact_lock(@key);", ("@key", SchemaLockKey));

    /// <inheritdoc />
    internal override bool HasTable(DbConnection connection, string table) =>
        Scalar(connection, "SELECT to_regclass(@table) IS NOT NULL;", ("@table", table)) is true;

    /// <summary>Runs <paramref name="work"/> in a transaction, trying again with exponential backoff while the failure is transient.</summary>
    /// <remarks>
    /// The whole transaction is retried, even after a connection lost during COMMIT: every store write is idempotent (see
    /// <see cref="RelationalRegistryStore"/>), so a transaction that did commit changes nothing the second time.
    /// </remarks>
    private T Execute<T>(Func<DbConnection, T> work, IsolationLevel isolation)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var connection = _dataSource.CreateConnection();
            try
            {
                connection.Open();
                using var transaction = connection.BeginTransaction(isolation);
                var result = work(connection);
                transaction.Commit();
                return result;
            }
            catch (Exception e) when (e is NpgsqlException && PostgresErrors.IsTransient(e) && attempt < _settings.MaxAttempts)
            {
                if (PostgresErrors.IsConnectionLost(e))
                {
                    // After a restart every idle pooled connection is dead; drop them rather than fail on each in turn.
                    _dataSource.Clear();
                }

                Thread.Sleep(Backoff(attempt));
            }
            catch (NpgsqlException e)
            {
                throw PostgresErrors.Explain(e, Server, attempt, clock.Elapsed);
            }
            finally
            {
                connection.Dispose();
            }
        }
    }

    // 250 ms, 500 ms, 1 s, ... with up to a quarter of jitter, so writers that failed together do not retry in lockstep.
    private TimeSpan Backoff(int attempt)
    {
        var delay = _settings.EffectiveFirstRetryDelay * Math.Pow(2, attempt - 1);
        return delay + (delay * Random.Shared.NextDouble() / 4);
    }
}
