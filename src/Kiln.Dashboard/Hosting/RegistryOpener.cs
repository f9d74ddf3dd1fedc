using Kiln.Registry;
using Kiln.Registry.Storage;

namespace Kiln.Dashboard.Hosting;

/// <summary>Opens the registry the standalone dashboard is pointed at (a SQLite file, <c>sqlite:&lt;file&gt;</c> or <c>postgres://…</c>), refusing a file with no registry rather than creating an empty one.</summary>
public static class RegistryOpener
{
    /// <summary>The registry at <see cref="DashboardOptions.Registry"/>; a clear error when it is unset or missing.</summary>
    public static ModelRegistry Open(DashboardOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Registry))
        {
            throw new RegistryException(
                $"{DashboardOptions.Section}:Registry is not set; point it at the registry database, e.g. --{DashboardOptions.Section}:Registry=artifacts/registry/kiln.db (or run ./build.sh Dashboard)");
        }

        var artifacts = string.IsNullOrWhiteSpace(options.Artifacts) ? null : options.Artifacts;
        var store = options.Registry.Trim();
        if (RegistryStores.IsUri(store) && !RegistryStores.IsSqlite(store))
        {
            // A shared registry: its password comes from PGPASSWORD or ~/.pgpass, never from the URI.
            RegistryStores.Validate(store, $"{DashboardOptions.Section}:Registry");
            return ModelRegistry.Open(new RegistryOptions(store, Artifacts: artifacts, Postgres: PostgresSettings.FromEnvironment()));
        }

        var path = Path.GetFullPath(RegistryStores.IsUri(store) ? RegistryStores.SqlitePath(store) : store);
        return File.Exists(path)
            ? ModelRegistry.Open(new RegistryOptions(path, Artifacts: artifacts))
            : throw new RegistryException($"There is no registry at '{path}' ({DashboardOptions.Section}:Registry); run ./build.sh Register first, or point it at an existing kiln.db");
    }
}
