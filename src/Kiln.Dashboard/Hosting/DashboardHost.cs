using Kiln.Dashboard.Extensions;
using Kiln.Registry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Kiln.Dashboard.Hosting;

/// <summary>The dashboard as a library: the build (and the tests) start it in their own process on a registry they opened.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where the dashboard answers, e.g. <c>http://127.0.0.1:8090/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The app's services, for tests.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the dashboard on <paramref name="registry"/> with <paramref name="options"/>, validated like the standalone app's settings.</summary>
    /// <param name="registry">The registry to show.</param>
    /// <param name="options">Address, port, token and page size (<see cref="DashboardOptions.Registry"/> is ignored).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<DashboardHost> StartAsync(ModelRegistry registry, DashboardOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Through configuration, so the same binding and validation apply as to the standalone app's appsettings and command line.
        Dictionary<string, string?> settings = new()
        {
            [nameof(DashboardOptions.Address)] = options.Address,
            [nameof(DashboardOptions.Port)] = options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [nameof(DashboardOptions.AllowRemote)] = options.AllowRemote ? "true" : "false",
            [nameof(DashboardOptions.Token)] = options.Token,
            [nameof(DashboardOptions.PageSize)] = options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The pages are compiled into this assembly; naming it the application lets Razor find them whoever the entry assembly is.
            ApplicationName = typeof(DashboardHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"{DashboardOptions.Section}:{s.Key}", s.Value)));
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
        builder.AddKilnDashboard(registry);

        WebApplication? app = null;
        try
        {
            // Building resolves the server, whose listen settings come from the validated options: bad settings fail here.
            app = builder.Build();
            app.UseKilnDashboard();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OptionsValidationException or IOException)
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            // Kestrel reports a taken port as an IOException whose message names the address.
            throw new RegistryException(e is OptionsValidationException invalid
                ? "The dashboard settings are invalid: " + string.Join("; ", invalid.Failures)
                : $"The dashboard cannot listen: {e.Message}", e);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardHost(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (Ctrl-C in the build), then stops gracefully and rethrows the cancellation.</summary>
    /// <param name="registry">The registry to show.</param>
    /// <param name="options">Dashboard settings, as for <see cref="StartAsync"/>.</param>
    /// <param name="log">Where the URL and the mode are announced.</param>
    /// <param name="cancellationToken">Stops the dashboard.</param>
    public static async Task RunAsync(ModelRegistry registry, DashboardOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        await using var host = await StartAsync(registry, options, cancellationToken).ConfigureAwait(false);
        log($"Dashboard on {host.Url} (registry {registry.Store.Location}; {(options.CanMoveAliases ? "alias moves enabled by the token" : "read-only: set a token to enable alias moves")}); Ctrl-C stops it");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
            log("Dashboard stopped");
        }
    }

    /// <summary>Stops listening, letting requests in flight finish.</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
