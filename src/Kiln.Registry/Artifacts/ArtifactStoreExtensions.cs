namespace Kiln.Registry.Artifacts;

/// <summary>Storing files and bytes in any <see cref="IArtifactStore"/>.</summary>
public static class ArtifactStoreExtensions
{
    /// <summary>Stores the file at <paramref name="sourcePath"/>; an unreadable file is a <see cref="RegistryException"/> naming it and the store.</summary>
    public static StoredContent Put(this IArtifactStore store, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var source = ContentDirectory.OpenSource(sourcePath, store.Location);
        return store.Put(source);
    }

    /// <summary>Stores <paramref name="content"/>.</summary>
    public static StoredContent Put(this IArtifactStore store, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var source = new MemoryStream(content.ToArray(), writable: false);
        return store.Put(source);
    }
}
