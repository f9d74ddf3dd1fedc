namespace Kiln.Registry;

/// <summary>The database was written by a newer Kiln whose schema this version cannot read safely.</summary>
public sealed class SchemaVersionException(string databasePath, int databaseVersion, int supportedVersion)
    : RegistryException(
        $"Registry database '{databasePath}' has schema version {databaseVersion}, but this Kiln supports up to version {supportedVersion}. " +
        "It was written by a newer Kiln: upgrade Kiln, or point the registry at another database file.")
{
    /// <summary>The schema version found in the database.</summary>
    public int DatabaseVersion { get; } = databaseVersion;

    /// <summary>The newest schema version this Kiln knows.</summary>
    public int SupportedVersion { get; } = supportedVersion;
}
