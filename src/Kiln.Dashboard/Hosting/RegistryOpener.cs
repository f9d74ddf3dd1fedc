using Kiln.Registry;

namespace Kiln.Dashboard.Hosting;

/// <summary>Opens the registry the standalone dashboard is pointed at, refusing a path with no registry rather than creating an empty one.</summary>
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

        var path = Path.GetFullPath(options.Registry);
        return File.Exists(path)
            ? ModelRegistry.Open(new RegistryOptions(path, Artifacts: string.IsNullOrWhiteSpace(options.Artifacts) ? null : options.Artifacts))
            : throw new RegistryException($"There is no registry at '{path}' ({DashboardOptions.Section}:Registry); run ./build.sh Register first, or point it at an existing kiln.db");
    }
}
