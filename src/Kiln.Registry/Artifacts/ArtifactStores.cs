namespace Kiln.Registry.Artifacts;

/// <summary>Opens an artifact store from its URI: <c>file:&lt;directory&gt;</c> (embedded, the default) or <c>s3://bucket/prefix</c> (shared; AWS S3, MinIO, R2 or any S3-compatible server).</summary>
public static class ArtifactStores
{
    /// <summary>The embedded store's scheme, <c>file:</c>.</summary>
    public const string FileScheme = "file:";

    /// <summary>Opens the store <paramref name="uri"/> names; nothing is sent to a server until the first operation.</summary>
    /// <param name="uri">The store's URI.</param>
    /// <param name="options">The base directory, cache and S3 settings.</param>
    /// <param name="setting">Where the URI came from, for messages (e.g. <c>registry.artifacts in config/prod.yaml</c>).</param>
    public static IArtifactStore Open(string uri, ArtifactStoreOptions options, string setting = "the artifact store")
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(uri, setting);
        return S3Location.IsS3(uri)
            ? new S3ArtifactStore(S3Location.Parse(uri, setting), options.EffectiveCacheDirectory, options.EffectiveS3)
            : new FileArtifactStore(Path.GetFullPath(FilePath(uri), options.BaseDirectory));
    }

    /// <summary>The URI with a relative <c>file:</c> directory made absolute against <paramref name="baseDirectory"/>; other URIs unchanged.</summary>
    public static string Resolve(string uri, string baseDirectory) =>
        uri.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase) ? FileScheme + Path.GetFullPath(FilePath(uri), baseDirectory) : uri;

    /// <summary>Checks that <paramref name="uri"/> names a store Kiln can open, without opening it; a <see cref="RegistryException"/> says what is wrong.</summary>
    public static void Validate(string uri, string setting = "the artifact store")
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (S3Location.IsS3(uri))
        {
            S3Location.Parse(uri, setting);
            return;
        }

        if (!uri.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase))
        {
            var colon = uri.IndexOf(':', StringComparison.Ordinal);
            var scheme = colon > 0 ? $"unknown scheme '{uri[..(colon + 1)]}'" : "no scheme";
            throw new RegistryException(
                $"{setting} '{uri}' has {scheme}: expected file:<directory> (e.g. file:artifacts/registry/store) or s3://bucket/prefix.");
        }

        if (uri[FileScheme.Length..].StartsWith("//", StringComparison.Ordinal) && !uri[FileScheme.Length..].StartsWith("///", StringComparison.Ordinal))
        {
            throw new RegistryException($"{setting} '{uri}' names a host: a file: store is a local directory (file:/absolute/dir or file:relative/dir); use s3:// for a shared one.");
        }

        if (FilePath(uri).Length == 0)
        {
            throw new RegistryException($"{setting} '{uri}' names no directory: expected file:<directory>, e.g. file:artifacts/registry/store.");
        }
    }

    /// <summary>What is wrong with <paramref name="uri"/> as a store URI, or null when it names a store Kiln can open.</summary>
    public static string? Problem(string uri, string setting = "the artifact store")
    {
        try
        {
            Validate(uri, setting);
            return null;
        }
        catch (RegistryException e)
        {
            return e.Message;
        }
    }

    // file:relative/dir, file:/absolute/dir and file:///absolute/dir (no host: a file: store is always local).
    private static string FilePath(string uri)
    {
        var path = uri[FileScheme.Length..];
        return path.StartsWith("///", StringComparison.Ordinal) ? path[2..] : path;
    }
}
