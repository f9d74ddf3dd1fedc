using System.Net.Sockets;
using Kiln.Inference;
using Kiln.Serving.Extensions;
using Kiln.Serving.Models;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Hosting;

/// <summary>Builds, checks, starts and runs the service, so that every start-up refusal is one clear line and a non-zero exit.</summary>
public static partial class ServingHost
{
    /// <summary>Builds the app, checks every setting, adds the request pipeline, resolves the model and starts listening.</summary>
    /// <remarks>
    /// Throws what refused the start: <see cref="OptionsValidationException"/> or <see cref="InvalidOperationException"/> for a bad
    /// setting or a missing model, registry or registry entry, <see cref="ModelLoadException"/> for a missing file or a wrong hash,
    /// <see cref="IOException"/> for a port in use. Nothing listens when it throws.
    /// </remarks>
    /// <param name="builder">A builder on which <c>AddKilnServing</c> was called.</param>
    /// <param name="pipeline">Adds the middleware and endpoints, e.g. <c>UseKilnServing</c> and <c>MapInferenceApi</c>.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    public static async Task<WebApplication> StartAsync(WebApplicationBuilder builder, Action<WebApplication> pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(pipeline);

        // The host logs a failed start itself, with a stack trace; the caller reports it once, as one line.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        WebApplication? app = null;
        try
        {
            app = builder.Build();

            // Bind and check every options record now, before the pipeline reads them and before anything listens.
            app.Services.GetService<IStartupValidator>()?.Validate();
            pipeline(app);
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch when (app is not null)
        {
            // A start refused after the hosted services ran (a port in use) finds the model still loading on another thread:
            // disposing the services under that load lets native ONNX Runtime touch freed memory and kill the process (SIGSEGV).
            if (app.Services.GetService<ModelLoader>() is { } loader)
            {
                await loader.AbandonAsync();
            }

            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the service until SIGTERM or Ctrl-C; returns 0, or 1 after a refusal logged as one line without a stack trace.</summary>
    /// <param name="builder">A builder on which <c>AddKilnServing</c> was called.</param>
    /// <param name="pipeline">Adds the middleware and endpoints.</param>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, Action<WebApplication> pipeline)
    {
        // Its own logger: a refusal can come before the app (and its logging) is built, or after it is disposed.
        using var logging = LoggerFactory.Create(log => log.AddKilnConsole());
        var logger = logging.CreateLogger(typeof(ServingHost).FullName!);
        WebApplication app;
        try
        {
            app = await StartAsync(builder, pipeline, CancellationToken.None);
        }
        catch (Exception e) when (IsRefusal(e))
        {
            LogRefused(logger, Describe(e));
            return 1;
        }

        await using (app)
        {
            await app.WaitForShutdownAsync();

            // A model that resolved but would not load (not ONNX, unreadable) stops the service after it started.
            if (app.Services.GetRequiredService<ModelLoader>().Failure is { } failure)
            {
                LogRefused(logger, failure);
                return 1;
            }
        }

        return 0;
    }

    /// <summary>Whether <paramref name="exception"/> is a start-up refusal (a bad setting, model, file, hash or port) rather than a bug.</summary>
    /// <param name="exception">What <see cref="StartAsync"/> threw.</param>
    public static bool IsRefusal(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.All(IsRefusal),
        OptionsValidationException or InvalidOperationException or ModelLoadException or IOException or UnauthorizedAccessException or SocketException => true,
        _ => false,
    };

    /// <summary>A refusal as one line: the messages of an aggregate joined, without stack traces.</summary>
    /// <param name="exception">A refusal.</param>
    public static string Describe(Exception exception) =>
        exception is AggregateException aggregate ? string.Join("; ", aggregate.InnerExceptions.Select(Describe)) : exception.Message;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot serve: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
