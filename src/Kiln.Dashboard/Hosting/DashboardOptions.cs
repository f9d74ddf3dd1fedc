namespace Kiln.Dashboard.Hosting;

/// <summary>The dashboard's settings, bound once from <c>Kiln:Dashboard</c> and checked at start-up by <see cref="DashboardOptionsValidator"/>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Kiln:Dashboard";

    /// <summary>The default port.</summary>
    public const int DefaultPort = 8090;

    /// <summary>The registry to open when the host does not hand one over (<c>Kiln:Dashboard:Registry</c>): a SQLite file, <c>sqlite:&lt;file&gt;</c> or <c>postgres://user@host:5432/db</c> (with <see cref="Artifacts"/>).</summary>
    public string? Registry { get; set; }

    /// <summary>The artifact store of the standalone dashboard's registry (<c>file:&lt;dir&gt;</c> or <c>s3://bucket/prefix</c>); the <c>store/</c> beside the database when unset.</summary>
    public string? Artifacts { get; set; }

    /// <summary>The address to listen on; loopback by default.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Whether a non-loopback <see cref="Address"/> is allowed; off, so a dashboard is never exposed by accident.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>The token that enables alias moves; without it the dashboard is read-only.</summary>
    public string? Token { get; set; }

    /// <summary>Runs per page unless the page asks for another size.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Whether alias moves are enabled.</summary>
    public bool CanMoveAliases => !string.IsNullOrEmpty(Token);
}
