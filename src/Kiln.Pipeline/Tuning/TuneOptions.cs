namespace Kiln.Pipeline.Tuning;

/// <summary>How one Tune invocation runs: its workers and budget overrides, and how fast a dead worker's trial is taken back.</summary>
/// <param name="Workers">Worker threads in this process (each scores its own trials).</param>
/// <param name="Trials">The trial budget, or null for the config's.</param>
/// <param name="TimeoutMinutes">The wall-time budget, or null for the config's.</param>
/// <param name="LeaseTimeout">How long a trial's lease lasts without a heartbeat before another worker takes it back (a dead process on this host is seen at once).</param>
/// <param name="PollInterval">How often an idle worker checks whether another worker's trial needs taking back.</param>
public sealed record TuneOptions(int Workers = 1, int? Trials = null, double? TimeoutMinutes = null, TimeSpan? LeaseTimeout = null, TimeSpan? PollInterval = null)
{
    /// <summary>The lease actually used (default 60 s).</summary>
    public TimeSpan EffectiveLeaseTimeout => LeaseTimeout ?? TimeSpan.FromSeconds(60);

    /// <summary>The poll interval actually used (default 2 s).</summary>
    public TimeSpan EffectivePollInterval => PollInterval ?? TimeSpan.FromSeconds(2);
}
