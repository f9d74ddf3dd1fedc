using Kiln.Registry.Storage;

namespace Kiln.Registry.Runs;

/// <summary>Beats for one running run until disposed or until the store says the run is no longer running.</summary>
internal sealed class RunHeartbeat : IDisposable
{
    private readonly IRegistryStore _store;
    private readonly string _runId;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private bool _stopped;

    public RunHeartbeat(IRegistryStore store, string runId, TimeProvider time, TimeSpan interval)
    {
        (_store, _runId, _time, _interval) = (store, runId, time, interval);

        // One-shot, re-armed after each beat: a beat stuck behind another writer's lock never overlaps the next one.
        _timer = time.CreateTimer(_ => Beat(), null, interval, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        _timer.Dispose();
    }

    private void Beat()
    {
        var running = true;
        try
        {
            running = _store.Heartbeat(_runId, _time.GetUtcNow());
        }
#pragma warning disable CA1031 // A failed beat must never take the run's process down; the next beat retries, and staleness tolerates missed beats.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        lock (_gate)
        {
            if (running && !_stopped)
            {
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
