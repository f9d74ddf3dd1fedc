namespace Kiln.Pipeline.Tuning;

/// <summary>How one Tune invocation runs: its workers and budget overrides.</summary>
/// <param name="Workers">Worker threads in this process (each scores its own trials).</param>
/// <param name="Trials">The trial budget, or null for the config's.</param>
/// <param name="TimeoutMinutes">The wall-time budget, or null for the config's.</param>
/// <param name="PollInterval">How often a worker with nothing to claim checks whether another worker's trial needs taking back (default 2 s).</param>
public sealed record TuneOptions(int Workers = 1, int? Trials = null, double? TimeoutMinutes = null, TimeSpan? PollInterval = null)
{
    /// <summary>The poll interval actually used.</summary>
    public TimeSpan EffectivePollInterval => PollInterval ?? TimeSpan.FromSeconds(2);
}
