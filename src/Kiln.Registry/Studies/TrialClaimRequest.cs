using Kiln.Registry.Runs;

namespace Kiln.Registry.Studies;

/// <summary>What a worker asks for when it wants its next trial.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Owner">The claiming worker.</param>
/// <param name="RunId">The id of the run a new or taken-back trial gets.</param>
/// <param name="Run">The run's kind, version, commit and environment.</param>
/// <param name="Now">The claim time, also the first heartbeat.</param>
/// <param name="IsAbandoned">True for a running trial whose worker is gone (lease expired, or a dead process on this host).</param>
/// <param name="Suggest">Chooses a new trial's run parameters from every trial so far; called inside the claim, so no other worker sees a half-claimed trial.</param>
public sealed record TrialClaimRequest(
    string Study,
    string Owner,
    string RunId,
    RunStart Run,
    DateTimeOffset Now,
    Func<TrialRecord, bool> IsAbandoned,
    Func<int, IReadOnlyList<TrialRecord>, IReadOnlyDictionary<string, string>> Suggest);
