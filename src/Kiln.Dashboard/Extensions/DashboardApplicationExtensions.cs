using Kiln.Dashboard.Artifacts;
using Kiln.Dashboard.Hosting;
using Kiln.Registry;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Kiln.Dashboard.Extensions;

/// <summary>The dashboard's request pipeline: error pages, headers, embedded assets, pages and artifact downloads.</summary>
public static class DashboardApplicationExtensions
{
    /// <summary>Adds the middleware and maps the pages and endpoints.</summary>
    /// <param name="app">The built application.</param>
    public static WebApplication UseKilnDashboard(this WebApplication app)
    {
        // Resolved now, so bad settings or a missing registry stop start-up instead of failing the first request.
        _ = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        _ = app.Services.GetRequiredService<ModelRegistry>();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(PageHeaders.Apply);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(DashboardApplicationExtensions).Assembly, "Assets"),
            RequestPath = "/assets",
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.MapGet("/", () => TypedResults.Redirect("/runs")).ExcludeFromDescription();
        app.MapArtifactEndpoints();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Wires and runs the standalone dashboard; bad settings or a missing registry print their message and exit 1, without a stack trace.</summary>
    /// <param name="builder">The builder with the dashboard's services added.</param>
    public static async Task<int> RunDashboardAsync(this WebApplicationBuilder builder)
    {
        WebApplication app;
        try
        {
            app = builder.Build();
            app.UseKilnDashboard();
        }
        catch (Exception e) when (e is RegistryException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"error: {(e is OptionsValidationException invalid ? string.Join("; ", invalid.Failures) : e.Message)}");
            return 1;
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e)
        {
            // A taken port: Kestrel's message names the address.
            await Console.Error.WriteLineAsync($"error: the dashboard cannot listen: {e.Message}");
            return 1;
        }
    }
}
