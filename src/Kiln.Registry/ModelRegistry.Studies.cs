using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Registry;

/// <summary>Tuning trials: each attempt is a run owned by this process and heartbeating like any run, so a trial whose process died is
/// found by the same rule as a killed run (stale heartbeat and, on the owner's host, no such process) and taken back by the next claim.</summary>
public sealed partial class ModelRegistry
{
    /// <summary>Claims this process's next trial of <paramref name="study"/>: first presumes killed every running trial's run whose owner is gone,
    /// then takes back the first such trial or starts the next number with <paramref name="suggest"/>'s parameters; the claimed run heartbeats
    /// until <see cref="FinishTrial"/> or <see cref="FinishRun"/>. Null when the budget is spent and every running trial's process is alive.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="run">The kind, version, commit and environment recorded on the trial's run.</param>
    /// <param name="suggest">Chooses a new trial's parameters from its number and every trial so far (called inside the claim's transaction).</param>
    public TrialClaim? ClaimTrial(string study, RunStart run, Func<int, IReadOnlyList<TrialRecord>, IReadOnlyDictionary<string, string>> suggest)
    {
        // Observing the running trials records as killed each run whose owner is gone, so the claim below takes its trial back.
        _ = ListTrials(study);
        var now = _time.GetUtcNow();
        var claim = Store.ClaimTrial(new TrialClaimRequest(study, RunId.New(now), run, RunOwner.Current, now, suggest));
        if (claim is not null)
        {
            _beating[claim.Trial.RunId] = new RunHeartbeat(Store, claim.Trial.RunId, _time, _heartbeat.Interval);
        }

        return claim;
    }

    /// <summary>Records how a claimed trial ended and stops its run's heartbeat; false, with nothing written, when its run was presumed killed
    /// (this process looked dead for longer than the staleness threshold) and the trial is or will be scored by another attempt.</summary>
    /// <param name="outcome">The trial's state, value and metrics.</param>
    public bool FinishTrial(TrialOutcome outcome)
    {
        if (_beating.TryRemove(outcome.RunId, out var beating))
        {
            beating.Dispose();
        }

        return Store.FinishTrial(outcome);
    }

    /// <summary>Every trial of a study by number, with its current run's status (runs whose owner is gone show as killed, as in <see cref="GetRun"/>).</summary>
    /// <param name="study">The study's name.</param>
    public IReadOnlyList<TrialRecord> ListTrials(string study) => [.. Store.ListTrials(study).Select(Observe)];

    private TrialRecord Observe(TrialRecord trial) =>
        trial.State == TrialState.Running && trial.RunStatus == RunStatus.Running && Store.FindRun(trial.RunId) is { } run
            ? trial with { RunStatus = Observe(run).Status }
            : trial;
}
