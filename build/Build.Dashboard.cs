using Kiln.Dashboard.Hosting;
using Kiln.Targets;

/// <summary>Dashboard: the web UI over the registry (runs, comparisons, models, alias moves), on loopback until Ctrl-C.</summary>
partial class Build
{
    [Parameter("Token that enables alias moves in the Dashboard (at least 16 characters); read-only without it"), Secret]
    readonly string? DashboardToken;

    Target Dashboard => _ => _
        .Description("Serve the web dashboard over the registry on 127.0.0.1 (--port) until Ctrl-C")
        .After(Register)
        .Executes(async cancellationToken => await DashboardHost.RunAsync(Registry,
            new DashboardOptions { Port = Port ?? DashboardOptions.DefaultPort, Token = DashboardToken }, Log.Information, cancellationToken));
}
