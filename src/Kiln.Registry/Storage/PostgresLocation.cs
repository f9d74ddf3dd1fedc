using System.Globalization;
using Npgsql;

namespace Kiln.Registry.Storage;

/// <summary>A PostgreSQL registry parsed from <c>postgres://user@host:5432/database?sslmode=require</c>; the password never travels in the URI.</summary>
/// <param name="Host">The server's host name or address.</param>
/// <param name="Port">The server's port (5432 when the URI names none).</param>
/// <param name="Database">The database name.</param>
/// <param name="User">The role to log in as.</param>
/// <param name="SslMode">The <c>sslmode</c> the URI asks for (libpq's names), or null for Npgsql's default (prefer).</param>
public sealed record PostgresLocation(string Host, int Port, string Database, string User, string? SslMode = null)
{
    /// <summary>The URI scheme, <c>postgres://</c>; <c>postgresql://</c> is accepted too, as libpq does.</summary>
    public const string Scheme = "postgres://";

    /// <summary>PostgreSQL's port when a URI names none.</summary>
    public const int DefaultPort = 5432;

    private const string LongScheme = "postgresql://";

    private static readonly Dictionary<string, Npgsql.SslMode> SslModes = new(StringComparer.Ordinal)
    {
        ["disable"] = Npgsql.SslMode.Disable,
        ["allow"] = Npgsql.SslMode.Allow,
        ["prefer"] = Npgsql.SslMode.Prefer,
        ["require"] = Npgsql.SslMode.Require,
        ["verify-ca"] = Npgsql.SslMode.VerifyCA,
        ["verify-full"] = Npgsql.SslMode.VerifyFull,
    };

    /// <summary>Whether <paramref name="uri"/> starts with <c>postgres://</c> or <c>postgresql://</c>.</summary>
    public static bool IsPostgres(string uri) =>
        uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || uri.StartsWith(LongScheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a <c>postgres://</c> URI; a <see cref="RegistryException"/> names what is wrong (never repeating a password), with <paramref name="setting"/> as the place.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="setting">Where the URI came from, for the message (e.g. <c>'registry.store'</c>).</param>
    public static PostgresLocation Parse(string uri, string setting)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var shown = Mask(uri);
        if (!IsPostgres(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            throw new RegistryException($"{setting} '{shown}' is not a PostgreSQL URI: expected postgres://user@host:5432/database (optionally ?sslmode=require).");
        }

        if (parsed.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new RegistryException(
                $"{setting} '{shown}' carries a password, which would end up in files, logs and run parameters: remove it from the URI and give it with " +
                "--registry-store-password (REGISTRY_STORE_PASSWORD), the service's Kiln:Registry:Password, PGPASSWORD or ~/.pgpass.");
        }

        var user = Uri.UnescapeDataString(parsed.UserInfo);
        if (user.Length == 0)
        {
            throw new RegistryException($"{setting} '{shown}' names no user: write postgres://<user>@{parsed.Authority}{parsed.AbsolutePath}.");
        }

        var database = Uri.UnescapeDataString(parsed.AbsolutePath.Trim('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new RegistryException($"{setting} '{shown}' must name one database after the host: postgres://{user}@{parsed.Authority}/<database>.");
        }

        if (parsed.Fragment.Length > 0)
        {
            throw new RegistryException($"{setting} '{shown}' has a '#' part, which a PostgreSQL URI cannot have.");
        }

        return new PostgresLocation(parsed.DnsSafeHost, parsed.IsDefaultPort || parsed.Port < 0 ? DefaultPort : parsed.Port, database, user, ReadSslMode(parsed.Query, setting, shown));
    }

    /// <summary>The URI as shown in messages, with a password (if someone wrote one) replaced by <c>***</c>.</summary>
    public static string Mask(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return uri;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = uri.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? uri[authorityStart..] : uri[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        var colon = at < 0 ? -1 : authority.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon > at)
        {
            return uri;
        }

        return uri[..(authorityStart + colon + 1)] + "***" + uri[(authorityStart + at)..];
    }

    /// <summary>The server as <c>host:port</c>, as messages about reaching it name it.</summary>
    public string Endpoint => $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The Npgsql connection string for <paramref name="settings"/>, read-only when <paramref name="access"/> says so; it holds the password, so it is never shown.</summary>
    internal string ConnectionString(PostgresSettings settings, StoreAccess access) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = Database,
        Username = User,
        Password = settings.Password,
        SslMode = SslMode is null ? Npgsql.SslMode.Prefer : SslModes[SslMode],
        Timeout = Math.Max(1, (int)Math.Ceiling(settings.EffectiveConnectTimeout.TotalSeconds)),
        CommandTimeout = Math.Max(1, (int)Math.Ceiling(settings.EffectiveCommandTimeout.TotalSeconds)),
        ApplicationName = "kiln",
        Pooling = true,

        // The server itself refuses every write of a reader, whatever the role may do.
        Options = access == StoreAccess.ReadOnly ? "-c default_transaction_read_only=on" : null,
    }.ConnectionString;

    /// <summary>The URI without secrets, e.g. <c>postgres://kiln@db.internal:5432/kiln?sslmode=require</c>.</summary>
    public override string ToString() =>
        $"{Scheme}{Uri.EscapeDataString(User)}@{Endpoint}/{Uri.EscapeDataString(Database)}{(SslMode is null ? "" : $"?sslmode={SslMode}")}";

    private static string? ReadSslMode(string query, string setting, string shown)
    {
        string? sslMode = null;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.IndexOf('=', StringComparison.Ordinal) is var equals and >= 0
                ? (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]))
                : (Uri.UnescapeDataString(pair), "");
            if (key != "sslmode")
            {
                throw new RegistryException(
                    $"{setting} '{shown}' has the unknown parameter '{key}': the only one Kiln reads is sslmode (the password comes from the environment, never the URI).");
            }

            if (!SslModes.ContainsKey(value))
            {
                throw new RegistryException($"{setting} '{shown}': sslmode '{value}' is not one of {string.Join(", ", SslModes.Keys)}.");
            }

            sslMode = value;
        }

        return sslMode;
    }
}
