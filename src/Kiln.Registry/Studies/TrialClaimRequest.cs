using Kiln.Registry.Runs;

namespace Kiln.Registry.Studies;

/// <summary>What a worker asks for when it wants its next trial.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="RunId">The id of the run a new or taken-back trial gets.</param>
/// <param name="Run">The run's kind, version, commit and environment.</param>
/// <param name="Owner">The process the run belongs to; it heartbeats the run while it scores the trial.</param>
/// <param name="Now">The claim time: the run's start and first heartbeat.</param>
/// <param name="Suggest">Chooses a new trial's run parameters from its number and every trial so far; called inside the claim, so no other worker
/// sees a half-claimed trial (a store may call it again if it retries the claim, so it must not have side effects).</param>
public sealed record TrialClaimRequest(
    string Study,
    string RunId,
    RunStart Run,
    RunOwner Owner,
    DateTimeOffset Now,
    Func<int, IReadOnlyList<TrialRecord>, IReadOnlyDictionary<string, string>> Suggest);
