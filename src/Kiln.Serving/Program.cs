using Kiln.Serving.Apis;
using Kiln.Serving.Drift;
using Kiln.Serving.Extensions;
using Kiln.Serving.Hosting;
using Kiln.Serving.Models;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args);
}

// Opening a shared registry takes about as long as building the host, so the model starts resolving first (see EarlyResolution).
var early = EarlyResolution.Begin(args);
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddKilnServing(early);
return await ServingHost.RunAsync(builder, app =>
{
    app.UseKilnServing();
    app.MapInferenceApi();
    app.MapDriftApi();
});

/// <summary>Entry point, public so tests can host the real app.</summary>
public partial class Program;
