using System.Data.Common;
using System.Globalization;

namespace Kiln.Registry.Storage;

/// <summary>Brings a database up to a schema version, one step per transaction under the store's schema lock, and refuses databases from a newer Kiln.</summary>
internal sealed class SchemaMigrator(RelationalRegistryStore store)
{
    private int Latest => store.Steps[^1].Version;

    /// <summary>Applies every missing step up to <paramref name="target"/> and returns the resulting version.</summary>
    public int Migrate(int target)
    {
        // An up-to-date database is only read, so opening it needs no right to create tables and takes no lock.
        var current = store.Read(CurrentVersion);
        RefuseNewer(current);
        if (current >= target)
        {
            return current;
        }

        while (true)
        {
            // Re-reading the version under the lock, inside each step's transaction, lets two processes opening a fresh database race safely.
            var (applied, version) = store.Write(connection =>
            {
                store.LockSchema(connection);
                RelationalRegistryStore.NonQuery(connection, """
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at BIGINT NOT NULL);
                    """);
                var now = CurrentVersion(connection);
                RefuseNewer(now);
                var next = store.Steps.FirstOrDefault(m => m.Version > now && m.Version <= target);
                if (next is null)
                {
                    return (false, now);
                }

                RelationalRegistryStore.NonQuery(connection, next.Sql);
                RelationalRegistryStore.NonQuery(connection,
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

    /// <summary>For a read-only open: the database must hold exactly the newest schema this Kiln knows, since it may not upgrade it.</summary>
    public int Check()
    {
        var current = store.Read(CurrentVersion);
        RefuseNewer(current);
        if (current == 0)
        {
            throw new RegistryException(
                $"'{store.Location}' holds no Kiln registry yet (no schema_version table), and it was opened read-only: register a model first (./build.sh Register, or MigrateRegistry) with access that may create tables.");
        }

        if (current < Latest)
        {
            throw new RegistryException(
                $"The registry '{store.Location}' has schema version {current}, older than this Kiln's {Latest}, and it was opened read-only, so it cannot be upgraded here: " +
                "open it read-write once (any ./build.sh target that uses the registry does, e.g. ./build.sh Models) with access that may alter tables, then open it again.");
        }

        return current;
    }

    private int CurrentVersion(DbConnection connection) =>
        store.HasTable(connection, "schema_version")
            ? Convert.ToInt32(RelationalRegistryStore.Scalar(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version;"), CultureInfo.InvariantCulture)
            : 0;

    private void RefuseNewer(int current)
    {
        if (current > Latest)
        {
            throw new SchemaVersionException(store.Location, current, Latest);
        }
    }
}
