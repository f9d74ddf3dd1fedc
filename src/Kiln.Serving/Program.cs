using Kiln.Serving.Apis;
using Kiln.Serving.Drift;
using Kiln.Serving.Extensions;
using Kiln.Serving.Hosting;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args);
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddKilnServing();
return await ServingHost.RunAsync(builder, app =>
{
    app.UseKilnServing();
    app.MapInferenceApi();
    app.MapDriftApi();
});

/// <summary>Entry point, public so tests can host the real app.</summary>
public partial class Program;
