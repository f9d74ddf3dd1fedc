namespace Kiln.Registry.Studies;

/// <summary>A trial a worker now holds.</summary>
/// <param name="Trial">The trial as claimed (state running, the worker as owner).</param>
/// <param name="PreviousRunId">For a trial taken back from a dead worker, the run of the dead attempt (now failed as killed); otherwise null.</param>
public sealed record TrialClaim(TrialRecord Trial, string? PreviousRunId);
