namespace Kiln.Registry.Studies;

/// <summary>A trial a worker now holds, through the new run it scores it with.</summary>
/// <param name="Trial">The trial as claimed (state running, its run just started).</param>
/// <param name="PreviousRunId">For a trial taken back, the run of the attempt that stopped without finishing it (killed or interrupted); otherwise null.</param>
public sealed record TrialClaim(TrialRecord Trial, string? PreviousRunId);
