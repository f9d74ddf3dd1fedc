using Kiln.Serving.Configuration;
using Kiln.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Drift;

/// <summary>Wires drift monitoring into the service and maps its JSON endpoint.</summary>
public static class DriftExtensions
{
    /// <summary>Registers the drift settings and monitor and wraps the registered <see cref="IScorer"/> so every scored batch is observed; call after the scorer is registered.</summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddKilnDrift(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DriftOptions>>().Value);
        services.AddSingleton<DriftMonitor>();
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IScorer) && d.ImplementationFactory is not null)
            ?? throw new InvalidOperationException("AddKilnDrift needs the IScorer factory registration to wrap; register the scorer first");
        var create = registered.ImplementationFactory!;
        services.Remove(registered);
        services.AddSingleton<IScorer>(sp =>
        {
            var scorer = (IScorer)create(sp);
            return sp.GetRequiredService<DriftOptions>().Enabled ? new DriftObservingScorer(scorer, sp.GetRequiredService<DriftMonitor>()) : scorer;
        });
        return services;
    }

    /// <summary>Maps GET /v2/models/{name}/drift.</summary>
    /// <param name="app">The endpoint builder.</param>
    public static IEndpointRouteBuilder MapDriftApi(this IEndpointRouteBuilder app)
    {
        var monitor = app.ServiceProvider.GetRequiredService<DriftMonitor>();
        app.MapGet("/v2/models/{name}/drift", (string name) =>
            {
                var report = monitor.Report();
                if (report.Model.Length == 0)
                {
                    return Results.Json(new Contracts.ErrorResponse("the model is still loading; poll /v2/health/ready"), Contracts.ServingJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
                }

                return report.Model == name
                    ? Results.Json(report, DriftJsonContext.Default.DriftResponse)
                    : Results.Json(new Contracts.ErrorResponse($"model '{name}' not found; this server serves model '{report.Model}' version '{report.Version}'"), Contracts.ServingJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status404NotFound);
            })
            .WithTags("Drift").WithName("ModelDrift")
            .WithSummary("Population stability index of each feature over the last scored rows against the training reference; drift is unavailable for a model without reference statistics.");
        return app;
    }
}
