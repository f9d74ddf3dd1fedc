namespace Kiln.Dashboard.Hosting;

/// <summary>A host lifetime that leaves Ctrl-C to the process hosting the dashboard (the build), which stops it through its cancellation token.</summary>
internal sealed class NoConsoleLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
