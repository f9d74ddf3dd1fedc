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

var app = builder.Build();
app.UseKilnServing();
app.MapInferenceApi();
app.MapDriftApi();
try
{
    await app.RunAsync();
}
catch (OperationCanceledException) when (Environment.ExitCode != 0)
{
    // The model loader stopped start-up after logging why (missing file, bad hash); exit with its code, not a stack trace.
}

return Environment.ExitCode;

/// <summary>Entry point, public so tests can host the real app.</summary>
public partial class Program;
