using Kiln.Serving.Hosting;
using Kiln.Targets;

/// <summary>Serving: the configured registry's champion on this machine (read-only, from the embedded or the shared stores), as <c>mlflow models serve -m models:/churn@champion</c> does.</summary>
partial class Build
{
    // Serve's port when --port is not given: Deploy's container takes deploy.port, 8080.
    const int ServePort = 8081;

    Target Serve => _ => _
        .Description("Serve the registry's champion on 127.0.0.1 (--port) until Ctrl-C")
        .After(Register)
        .Executes(async cancellationToken =>
            await LocalServer.RunAsync(LocalServeRequest.From(Pipeline.RegistryOptions, ChampionReference, Port ?? ServePort), Log.Information, cancellationToken));
}
