using System.Net;
using Kiln.Serving.Contracts;
using Kiln.Serving.Drift;
using Kiln.Serving.Hosting;
using Kiln.Serving.Models;
using Kiln.Serving.Observability;
using Kiln.Serving.Scoring;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Kiln.Serving.Extensions;

/// <summary>Wires the inference service: settings, model source and loader, scorer, metrics, Kestrel, JSON and OpenAPI.</summary>
public static class ServingExtensions
{
    /// <summary>Registers the service's dependencies; a model source registered earlier wins over the configured one (Kiln:Model:Source, else Kiln:Model:Path).</summary>
    /// <param name="builder">The web application builder.</param>
    public static WebApplicationBuilder AddKilnServing(this WebApplicationBuilder builder)
    {
        // Everything reads settings when the container resolves them, so configuration added by a test host or a later
        // provider still counts; a bad value fails startup with a message naming the key.
        var services = builder.Services;
        services.AddSingleton(sp => ServingSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<IModelSource>(sp =>
        {
            // Kiln:Model:Source (a registry reference or a path) wins over Kiln:Model:Path, which the container image sets by default.
            var configuration = sp.GetRequiredService<IConfiguration>();
            return string.IsNullOrWhiteSpace(configuration["Kiln:Model:Source"])
                ? new FileModelSource(configuration)
                : new RegistryModelSource(configuration, sp.GetRequiredService<IHostEnvironment>());
        });
        services.AddSingleton<ModelHost>();
        services.AddSingleton<ServingMetrics>();
        services.AddSingleton<IScorer>(sp =>
        {
            var settings = sp.GetRequiredService<ServingSettings>();
            var metrics = sp.GetRequiredService<ServingMetrics>();
            return settings.Batching.Enabled ? new MicroBatchScorer(settings.Batching, metrics) : new DirectScorer(metrics);
        });
        services.AddKilnDrift();
        services.AddSingleton<ModelLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelLoader>());
        services.AddHostedService<ConnectionDrain>();
        services.AddOptions<HostOptions>().Configure<ServingSettings>((o, settings) => o.ShutdownTimeout = settings.ShutdownTimeout);
        services.AddOptions<KestrelServerOptions>().Configure<ServingSettings>(ConfigureKestrel);
        services.AddOptions<SocketTransportOptions>().Configure<ServingSettings>((sockets, settings) =>
        {
            if (settings.ReusePort)
            {
                sockets.CreateBoundListenSocket = ReusePortSocket.Create;
            }
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServingJsonContext.Default);
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi();
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        return builder;
    }

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

    private static void ConfigureKestrel(KestrelServerOptions kestrel, ServingSettings settings)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
        if (settings.Port is not { } port)
        {
            return;
        }

        if (settings.Host == "localhost")
        {
            kestrel.ListenLocalhost(port);
        }
        else if (IPAddress.TryParse(settings.Host, out var address))
        {
            kestrel.Listen(address, port);
        }
        else
        {
            throw new InvalidOperationException($"configuration Kiln:Service:Host must be an IP address or localhost, got '{settings.Host}'");
        }
    }
}
