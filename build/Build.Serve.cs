using Kiln.Serving.Hosting;
using Kiln.Targets;

/// <summary>Serving: the registry's champion on this machine, as <c>mlflow models serve -m models:/churn@champion</c> does.</summary>
partial class Build
{
    // Serve's port when --port is not given: Deploy's container takes deploy.port, 8080.
    const int ServePort = 8081;

    // Shared state (the lead may move it to Build.cs): the registry database Registry opens.
    AbsolutePath RegistryDatabase => RootDirectory / Config.Registry.Path;

    Target Serve => _ => _
        .Description("Serve the registry's champion on 127.0.0.1 (--port) until Ctrl-C")
        .Executes(async cancellationToken =>
            await LocalServer.RunAsync(new LocalServeRequest(RegistryDatabase, ChampionReference, Port ?? ServePort), Log.Information, cancellationToken));
}
