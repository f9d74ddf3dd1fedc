namespace Kiln.Registry.Runs;

/// <summary>How often a running run proves its process alive, and how long without a proof before other processes presume it killed.</summary>
/// <remarks>
/// Like Optuna's RDB heartbeat (<c>heartbeat_interval</c>, <c>grace_period</c>, <c>fail_stale_trials</c>), but the presumption also asks the
/// operating system when the owner ran on this machine, so a live process whose beats were delayed (suspended, starved of CPU) is never declared dead.
/// Every process sharing a registry should use the same policy: an observer with a shorter <see cref="StaleAfter"/> than an owner's
/// <see cref="Interval"/> would presume live remote runs killed.
/// </remarks>
/// <param name="Interval">Time between two heartbeats of a running run.</param>
/// <param name="StaleAfter">Time since the last heartbeat after which a run may be presumed killed; at least twice <paramref name="Interval"/>.</param>
public sealed record HeartbeatPolicy(TimeSpan Interval, TimeSpan StaleAfter)
{
    /// <summary>A beat every 5 s; stale after 30 s, i.e. six missed beats, enough to ride out a registry lock held by another writer.</summary>
    public static HeartbeatPolicy Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

    /// <summary>Fails unless the interval is positive and the staleness threshold leaves room for at least one missed beat.</summary>
    public HeartbeatPolicy Validated() =>
        Interval <= TimeSpan.Zero || StaleAfter < 2 * Interval
            ? throw new RegistryException($"Heartbeat interval {Interval} must be positive and the staleness threshold {StaleAfter} at least twice as long.")
            : this;
}
