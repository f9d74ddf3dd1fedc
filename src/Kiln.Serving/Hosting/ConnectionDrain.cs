using Kiln.Serving.Models;

namespace Kiln.Serving.Hosting;

/// <summary>On shutdown, keeps serving for the drain delay while readiness is false and every response says <c>Connection: close</c>.</summary>
/// <remarks>
/// Closing idle keep-alive connections races a client that is just reusing one, and that request fails. Asking clients to
/// close after a complete response instead lets a replacement bound to the same port (SO_REUSEPORT) take over cleanly.
/// The host awaits <see cref="StoppingAsync"/> before it stops any service, Kestrel included.
/// </remarks>
public sealed class ConnectionDrain(ModelHost host, ServingSettings settings) : IHostedLifecycleService
{
    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        host.BeginStopping();
        if (settings.DrainDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(settings.DrainDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out first; stop now.
            }
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
