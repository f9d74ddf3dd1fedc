using System.Data.Common;

namespace Kiln.Registry.Storage;

/// <summary>Every <see cref="IRegistryStore"/> query and rule, written once in SQL that SQLite and PostgreSQL both accept; a subclass supplies connections, transactions and locks.</summary>
/// <remarks>
/// Writers of one model's versions and aliases are serialised by <see cref="LockModel"/> (a no-op where the write transaction already excludes
/// every other writer), so the duplicate check, version numbering and the champion check happen against rows no one else is changing.
/// Every write is safe to run twice: a transaction retried after a lost connection (whose COMMIT may or may not have landed) finds its own rows.
/// </remarks>
public abstract partial class RelationalRegistryStore : IRegistryStore
{
    private readonly Func<string, string> _artifactPath;

    /// <summary>Sets where the data lives (for messages) and how a stored artifact's local path is found.</summary>
    /// <param name="location">A file path or a server URI without secrets.</param>
    /// <param name="artifactPath">The local path of the artifact with a given sha256 (the artifact store's <c>LocalPath</c>).</param>
    private protected RelationalRegistryStore(string location, Func<string, string> artifactPath)
    {
        Location = location;
        _artifactPath = artifactPath;
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The schema version of the opened database (after migration, or as checked when opened read-only).</summary>
    public int SchemaVersion { get; private protected set; }

    /// <summary>Whether the store was opened read-only: no migrations, and the database refuses writes.</summary>
    public StoreAccess Access { get; private protected init; }

    /// <summary>Test hook: runs inside the registration transaction after every row is written and before COMMIT.</summary>
    internal Action? BeforeVersionCommit { get; set; }

    /// <summary>The schema steps of this database kind, in order.</summary>
    internal abstract IReadOnlyList<Migration> Steps { get; }

    /// <summary>The column that orders <c>alias_history</c> rows recorded in the same millisecond by insertion (SQLite's rowid, PostgreSQL's identity).</summary>
    internal abstract string HistoryOrder { get; }

    /// <summary>The type a numeric parameter text is cast to for comparisons and sorts (SQLite's REAL, PostgreSQL's DOUBLE PRECISION).</summary>
    internal abstract string RealType { get; }

    /// <summary>A condition true when the text <paramref name="column"/> holds a number, so a cast never turns "abc" into 0 nor fails on it.</summary>
    internal abstract string IsNumericText(string column);

    /// <summary>A condition true when <paramref name="needle"/> occurs in <paramref name="column"/>, literally (no LIKE wildcards).</summary>
    internal abstract string ContainsText(string column, string needle);

    /// <summary>Inside a write transaction, locks the (existing) <c>studies</c> row of <paramref name="study"/> until COMMIT, so claims and finishes of one study queue.</summary>
    internal abstract void LockStudy(DbConnection connection, string study);

    /// <summary>Runs <paramref name="work"/> in a write transaction, retrying as the database kind requires; errors become <see cref="RegistryException"/>s naming <see cref="Location"/>.</summary>
    internal abstract T Write<T>(Func<DbConnection, T> work);

    /// <summary>Runs <paramref name="work"/> in a read transaction, so several queries see one snapshot.</summary>
    internal abstract T Read<T>(Func<DbConnection, T> work);

    /// <summary>Inside a write transaction, locks the (existing) <c>registered_models</c> row of <paramref name="model"/> until COMMIT.</summary>
    internal abstract void LockModel(DbConnection connection, string model);

    /// <summary>Inside a write transaction, takes the lock that lets one process at a time migrate the schema.</summary>
    internal abstract void LockSchema(DbConnection connection);

    /// <summary>Whether the table <paramref name="table"/> exists.</summary>
    internal abstract bool HasTable(DbConnection connection, string table);

    /// <summary>Brings the schema to <paramref name="targetVersion"/> (read-write), or checks it is the newest this Kiln knows (read-only).</summary>
    private protected void OpenSchema(int targetVersion) =>
        SchemaVersion = Access == StoreAccess.ReadOnly ? new SchemaMigrator(this).Check() : new SchemaMigrator(this).Migrate(targetVersion);

    internal static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal static object? Scalar(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    internal static int NonQuery(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal static void ForEach(DbConnection connection, string sql, (string Name, object? Value)[] parameters, Action<DbDataReader> row)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    private protected static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private protected static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static TValue Bucket<TValue>(Dictionary<string, TValue> buckets, string key)
        where TValue : new()
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new TValue();
            buckets[key] = bucket;
        }

        return bucket;
    }
}
