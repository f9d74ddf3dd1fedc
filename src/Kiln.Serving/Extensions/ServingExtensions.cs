using System.Net;
using Kiln.Serving.Configuration;
using Kiln.Serving.Contracts;
using Kiln.Serving.Drift;
using Kiln.Serving.Hosting;
using Kiln.Serving.Models;
using Kiln.Serving.Observability;
using Kiln.Serving.Scoring;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Kiln.Serving.Extensions;

/// <summary>Wires the inference service: settings, model source and loader, scorer, metrics, Kestrel, JSON and OpenAPI.</summary>
public static class ServingExtensions
{
    /// <summary>Registers the service's settings and dependencies; a model source registered earlier wins over the configured one (Kiln:Model:Source, else Kiln:Model:Path).</summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="early">A model resolution begun before the builder existed (<see cref="EarlyResolution.Begin(string[])"/>); null begins one from the builder's configuration.</param>
    public static WebApplicationBuilder AddKilnServing(this WebApplicationBuilder builder, EarlyResolution? early = null)
    {
        // Settings bind when first read, so configuration added by a test host or a later provider still counts;
        // ServingHost checks them all before anything else runs.
        var services = builder.Services;
        services.AddKilnSettings();

        // A registry reference starts resolving now, while the app builds; a model source registered earlier needs none.
        if (early is null && !services.Any(d => d.ServiceType == typeof(IModelSource)))
        {
            early = EarlyResolution.Begin(builder.Configuration, builder.Environment.ContentRootPath);
        }

        services.TryAddSingleton<IModelSource>(sp =>
        {
            // Kiln:Model:Source (a registry reference or a path) wins over Kiln:Model:Path, which the container image sets by default.
            var model = sp.GetRequiredService<IOptions<ModelOptions>>();
            return string.IsNullOrWhiteSpace(model.Value.Source)
                ? new FileModelSource(model)
                : new RegistryModelSource(model, sp.GetRequiredService<IOptions<RegistryLocationOptions>>(), sp.GetRequiredService<IHostEnvironment>(), early);
        });
        services.AddSingleton<ModelHost>();
        services.AddSingleton<ServingMetrics>();
        services.AddSingleton<IScorer>(sp =>
        {
            var batching = sp.GetRequiredService<IOptions<BatchingOptions>>().Value;
            var metrics = sp.GetRequiredService<ServingMetrics>();
            return batching.Enabled ? new MicroBatchScorer(batching, metrics) : new DirectScorer(metrics);
        });
        services.AddKilnDrift();
        services.AddSingleton<ModelLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelLoader>());
        services.AddHostedService<ConnectionDrain>();
        services.AddOptions<HostOptions>().Configure<IOptions<ServiceOptions>>((o, service) => o.ShutdownTimeout = service.Value.ShutdownTimeout);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServiceOptions>, IOptions<LimitsOptions>>((kestrel, service, limits) => ConfigureKestrel(kestrel, service.Value, limits.Value));
        services.AddOptions<SocketTransportOptions>().Configure<IOptions<ServiceOptions>>((sockets, service) =>
        {
            if (service.Value.ReusePort)
            {
                sockets.CreateBoundListenSocket = ReusePortSocket.Create;
            }
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServingJsonContext.Default);
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;

            // A linear model's raw score can overflow to ±Infinity on extreme (valid) inputs; JSON numbers cannot say so, and
            // failing the response would be a 500, so it is written as the string "Infinity" instead.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddOpenApi();
        builder.Logging.AddKilnConsole();
        return builder;
    }

    /// <summary>The service's console log: one JSON object per line, as log collectors read it.</summary>
    /// <param name="logging">The logging builder.</param>
    public static ILoggingBuilder AddKilnConsole(this ILoggingBuilder logging) => logging.AddJsonConsole(o => o.IncludeScopes = true);

    /// <summary>Adds the request metrics and error middleware and maps /metrics and /openapi/v1.json.</summary>
    /// <param name="app">The built application.</param>
    public static WebApplication UseKilnServing(this WebApplication app)
    {
        var host = app.Services.GetRequiredService<ModelHost>();
        app.Use((context, next) =>
        {
            // While draining, clients finish their request and reconnect, reaching the instance that replaces this one.
            if (host.IsDraining)
            {
                context.Response.Headers.Connection = "close";
            }

            return next(context);
        });
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            // Only server faults get here: client mistakes are answered by the endpoints with a 4xx and a reason.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new ErrorResponse($"internal error; request id {context.TraceIdentifier}"), ServingJsonContext.Default.ErrorResponse);
        }));
        app.UseStatusCodePages(async status =>
        {
            // Routing answers 404, 405 and 415 without a body; give every client error the protocol's {"error": ...} shape.
            var response = status.HttpContext.Response;
            var message = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"no such route: {status.HttpContext.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"method {status.HttpContext.Request.Method} is not allowed on {status.HttpContext.Request.Path}",
                StatusCodes.Status415UnsupportedMediaType => $"the body must be JSON (Content-Type: application/json), got {(string.IsNullOrEmpty(status.HttpContext.Request.ContentType) ? "no Content-Type" : $"Content-Type '{status.HttpContext.Request.ContentType}'")}",
                var code => $"request failed with status {code}",
            };
            await response.WriteAsJsonAsync(new ErrorResponse(message), ServingJsonContext.Default.ErrorResponse);
        });
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<ServingMetrics>().Registry);
        app.MapOpenApi();
        return app;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, ServiceOptions service, LimitsOptions limits)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        if (service.Port is not { } port)
        {
            return;
        }

        // ServiceOptions checked that the host is localhost or an IP address.
        if (service.Host == "localhost")
        {
            kestrel.ListenLocalhost(port);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(service.Host), port);
        }
    }
}
