namespace Kiln.Registry.Storage;

/// <summary>Opens a registry store from its URI: <c>sqlite:&lt;file&gt;</c> (embedded, the default) or <c>postgres://user@host:5432/db</c> (shared), as MLflow's backend store URI does.</summary>
public static class RegistryStores
{
    /// <summary>The embedded store's scheme, <c>sqlite:</c>.</summary>
    public const string SqliteScheme = "sqlite:";

    /// <summary>Whether <paramref name="store"/> is written as a URI of a kind Kiln opens (rather than a plain SQLite path).</summary>
    public static bool IsUri(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return IsSqlite(store) || PostgresLocation.IsPostgres(store);
    }

    /// <summary>Whether <paramref name="uri"/> names a SQLite file (<c>sqlite:</c>).</summary>
    public static bool IsSqlite(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.StartsWith(SqliteScheme, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The file of a <c>sqlite:</c> URI: <c>sqlite:relative/kiln.db</c>, <c>sqlite:/absolute/kiln.db</c> or <c>sqlite:///absolute/kiln.db</c>.</summary>
    public static string SqlitePath(string uri)
    {
        var path = uri[SqliteScheme.Length..];
        return path.StartsWith("///", StringComparison.Ordinal) ? path[2..] : path;
    }

    /// <summary>The URI with a relative SQLite path made absolute against <paramref name="baseDirectory"/>; other URIs unchanged.</summary>
    public static string Resolve(string uri, string baseDirectory) =>
        IsSqlite(uri) ? SqliteScheme + Path.GetFullPath(SqlitePath(uri), baseDirectory) : uri;

    /// <summary>Opens the store <paramref name="options"/> names, read-write or read-only as it says.</summary>
    /// <param name="options">The store's URI, access, password and timeouts.</param>
    /// <param name="artifactPath">The local path of the artifact with a given sha256 (the artifact store's <c>LocalPath</c>).</param>
    public static IRegistryStore Open(RegistryOptions options, Func<string, string> artifactPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options.StoreUri, "the registry store");
        return IsSqlite(options.StoreUri)
            ? new SqliteRegistryStore(options, Migrations.Latest, artifactPath)
            : new PostgresRegistryStore(options, artifactPath);
    }

    /// <summary>Checks that <paramref name="uri"/> names a store Kiln can open, without opening it; a <see cref="RegistryException"/> says what is wrong and never repeats a password.</summary>
    /// <param name="uri">The store's URI.</param>
    /// <param name="setting">Where the URI came from, for messages (e.g. <c>'registry.store'</c>).</param>
    public static void Validate(string uri, string setting = "the registry store")
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (PostgresLocation.IsPostgres(uri))
        {
            PostgresLocation.Parse(uri, setting);
            return;
        }

        if (!IsSqlite(uri))
        {
            var colon = uri.IndexOf(':', StringComparison.Ordinal);
            var scheme = colon > 0 ? $"unknown scheme '{uri[..(colon + 1)]}'" : "no scheme";
            throw new RegistryException(
                $"{setting} '{Describe(uri)}' has {scheme}: expected sqlite:<file> (e.g. sqlite:artifacts/registry/kiln.db) or postgres://user@host:5432/database.");
        }

        var path = uri[SqliteScheme.Length..];
        if (path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("///", StringComparison.Ordinal))
        {
            throw new RegistryException($"{setting} '{uri}' names a host: a sqlite: store is a local file (sqlite:/absolute/kiln.db or sqlite:relative/kiln.db); use postgres:// for a shared one.");
        }

        if (SqlitePath(uri).Length == 0)
        {
            throw new RegistryException($"{setting} '{uri}' names no file: expected sqlite:<file>, e.g. sqlite:artifacts/registry/kiln.db.");
        }
    }

    /// <summary>What is wrong with <paramref name="uri"/> as a store URI, or null when it names a store Kiln can open.</summary>
    public static string? Problem(string uri, string setting = "the registry store")
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

    /// <summary>The URI as messages show it: a password someone wrote into it is masked.</summary>
    public static string Describe(string uri) => PostgresLocation.Mask(uri);
}
