using System.Net;
using Kiln.Dashboard.Artifacts;
using Kiln.Dashboard.Compare;
using Kiln.Dashboard.Hosting;
using Kiln.Dashboard.Models;
using Kiln.Dashboard.Rendering;
using Kiln.Registry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Kiln.Dashboard.Extensions;

/// <summary>Registers the dashboard: validated settings, the registry, artifact reading, rendering, Razor Pages, anti-forgery and Kestrel on loopback.</summary>
public static class DashboardServiceExtensions
{
    /// <summary>Adds the dashboard's services; <paramref name="registry"/> is the one to show, else the one named by <c>Kiln:Dashboard:Registry</c> is opened.</summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="registry">The registry the host already opened (the build's), or null.</param>
    public static WebApplicationBuilder AddKilnDashboard(this WebApplicationBuilder builder, ModelRegistry? registry = null)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        if (registry is not null)
        {
            services.AddSingleton(registry);
        }
        else
        {
            services.AddSingleton(sp => RegistryOpener.Open(sp.GetRequiredService<IOptions<DashboardOptions>>().Value));
        }

        services.AddSingleton<ArtifactFiles>();
        services.AddSingleton<CurveCache>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<AliasGate>();
        services.AddRazorPages();
        // Anti-forgery keys live in memory: a restarted dashboard asks for a reload instead of writing keys to the user's profile.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "kiln-dashboard-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__kiln_antiforgery";
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<DashboardOptions>>((kestrel, options) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.Value.Address), options.Value.Port);
        });

        // DNS rebinding: a web page whose host name resolves to 127.0.0.1 must not be able to read a loopback dashboard.
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<DashboardOptions>>((filtering, options) =>
            filtering.AllowedHosts = options.Value.AllowRemote ? ["*"] : ["localhost", "127.0.0.1", "[::1]"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }
}
