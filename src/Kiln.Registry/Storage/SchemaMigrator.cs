namespace Kiln.Registry.Storage;

/// <summary>Brings a database up to a schema version, one step per transaction, and refuses databases from a newer Kiln.</summary>
internal sealed class SchemaMigrator(SqliteRegistryStore store)
{
    /// <summary>Applies every missing step up to <paramref name="target"/> and returns the resulting version.</summary>
    public int Migrate(int target)
    {
        while (true)
        {
            // Re-reading the version inside each write transaction lets two processes opening a fresh file race safely.
            var (applied, version) = store.Write(connection =>
            {
                SqliteRegistryStore.NonQuery(connection, """
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at INTEGER NOT NULL);
                    """);
                var current = Convert.ToInt32(SqliteRegistryStore.Scalar(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version;"));
                if (current > Migrations.Latest)
                {
                    throw new SchemaVersionException(store.Location, current, Migrations.Latest);
                }

                var next = Migrations.All.FirstOrDefault(m => m.Version > current && m.Version <= target);
                if (next is null)
                {
                    return (false, current);
                }

                SqliteRegistryStore.NonQuery(connection, next.Sql);
                SqliteRegistryStore.NonQuery(connection,
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @t);",
                    ("@v", next.Version), ("@d", next.Description), ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                return (true, next.Version);
            });

            if (!applied)
            {
                return version;
            }
        }
    }
}
