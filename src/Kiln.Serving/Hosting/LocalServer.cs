using Kiln.Registry;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Storage;
using Kiln.Serving.Configuration;
using Kiln.Serving.Apis;
using Kiln.Serving.Drift;
using Kiln.Serving.Extensions;
using Kiln.Serving.Models;

namespace Kiln.Serving.Hosting;

/// <summary>Serves one registered model on 127.0.0.1 until cancelled, as <c>mlflow models serve -m models:/churn@champion</c> does: what <c>./build.sh Serve</c> runs.</summary>
public static class LocalServer
{
    /// <summary>Serves the model until <paramref name="cancellationToken"/> is cancelled (Ctrl-C in the build), then stops cleanly.</summary>
    /// <remarks>The same service as the container, with the same checks; only the address, the log and the lifetime differ.</remarks>
    /// <param name="request">The registry, the reference and the port.</param>
    /// <param name="log">Receives the serving address, the service's warnings and errors, and the stop.</param>
    /// <param name="cancellationToken">Stops serving.</param>
    public static async Task RunAsync(LocalServeRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var registry = new RegistryLocationOptions
        {
            Store = new RegistryOptions(request.Store).StoreUri,
            Artifacts = request.Artifacts,
            Password = request.Password,
        };
        RequireRegistered(registry, request.Reference);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kiln:Model:Source"] = request.Reference,
            ["Kiln:Registry:Store"] = RegistryStores.Resolve(registry.Store, Environment.CurrentDirectory),
            ["Kiln:Registry:Artifacts"] = registry.Artifacts is null ? null : ArtifactStores.Resolve(registry.Artifacts, Environment.CurrentDirectory),
            ["Kiln:Registry:Password"] = registry.Password,
            ["Kiln:Service:Host"] = "127.0.0.1",
            ["Kiln:Service:Port"] = request.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kiln:Service:DrainMilliseconds"] = "0",   // no load balancer to drain from: Ctrl-C stops at once
        });
        builder.AddKilnServing();

        // The build's log shows what the service says; the build, not the host, owns Ctrl-C and SIGTERM.
        builder.Logging.ClearProviders().AddProvider(new LineLoggerProvider(log));
        builder.Services.Configure<LoggerFilterOptions>(filters =>
        {
            filters.Rules.Clear();
            filters.MinLevel = LogLevel.Warning;
            filters.Rules.Add(new LoggerFilterRule(null, typeof(ModelLoader).FullName, LogLevel.Information, null));
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();

        var app = await ServingHost.StartAsync(builder, web =>
        {
            web.UseKilnServing();
            web.MapInferenceApi();
            web.MapDriftApi();
        }, cancellationToken);
        await using (app)
        {
            var address = app.Urls.First();
            try
            {
                var loader = app.Services.GetRequiredService<ModelLoader>();
                await loader.Loading.WaitAsync(cancellationToken);
                if (loader.Failure is { } failure)
                {
                    throw new InvalidOperationException($"cannot serve {request.Reference}: {failure}");
                }

                var served = app.Services.GetRequiredService<ModelHost>().Model!;
                log($"Serving {request.Reference} ({served.Name} version {served.Version}, sha256 {served.Model.Sha256[..12]}) at {address}: POST /predict or /v2/models/{served.Name}/infer; Ctrl-C stops");
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: the normal way to stop serving.
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }

            log($"Stopped serving at {address}");
        }
    }

    // Checked before hosting so the answer to "nothing registered yet" is what to do, not a registry lookup error.
    private static void RequireRegistered(RegistryLocationOptions registry, string reference)
    {
        var hint = "run ./build.sh Register first (a version becomes @champion once it passes the quality gate and beats the current one)";
        var options = registry.ToRegistryOptions(Environment.CurrentDirectory);
        var where = options.IsSqlite ? options.DatabasePath : RegistryStores.Describe(options.StoreUri);
        if (options.IsSqlite && !File.Exists(options.DatabasePath))
        {
            throw new InvalidOperationException($"there is no registry at {where} yet: {hint}");
        }

        if (ModelRegistry.Open(options).TryResolve(reference) is null)
        {
            throw new InvalidOperationException($"{reference} is not in the registry at {where} yet: {hint}");
        }
    }
}
