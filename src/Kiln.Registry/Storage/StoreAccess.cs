namespace Kiln.Registry.Storage;

/// <summary>How a registry store is opened.</summary>
public enum StoreAccess
{
    /// <summary>Reads and writes; opening creates the database or upgrades its schema as needed.</summary>
    ReadWrite,

    /// <summary>Reads only, as the service and the dashboard open it: nothing is created or migrated, the schema is only checked, so a role or file that allows only reading works.</summary>
    ReadOnly,
}
