namespace Kiln.Serving.Hosting;

/// <summary>A host lifetime that leaves Ctrl-C and SIGTERM to the program hosting the service (the build), which stops it by cancellation.</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
