using Kiln.Serving.Configuration;
using Kiln.Serving.Models;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Hosting;

/// <summary>On shutdown, keeps serving for the drain delay while readiness is false and every response says <c>Connection: close</c>.</summary>
/// <remarks>
/// Closing idle keep-alive connections races a client that is just reusing one, and that request fails. Asking clients to
/// close after a complete response instead lets a replacement bound to the same port (SO_REUSEPORT) take over cleanly.
/// The host awaits <see cref="StoppingAsync"/> before it stops any service, Kestrel included.
/// </remarks>
/// <param name="host">The served model and readiness.</param>
/// <param name="service">The drain delay.</param>
public sealed class ConnectionDrain(ModelHost host, IOptions<ServiceOptions> service) : IHostedLifecycleService
{
    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        host.BeginStopping();

        // An instance that never served (its model failed to load) has no clients to hand over.
        var delay = service.Value.DrainDelay;
        if (host.Model is not null && delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, cancellationToken);
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
