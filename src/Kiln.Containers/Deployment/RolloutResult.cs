namespace Kiln.Containers;

/// <summary>The result of a rollout.</summary>
/// <param name="Outcome">Deployed, or already serving (a no-op).</param>
/// <param name="Container">The container now serving.</param>
/// <param name="Version">The version now serving.</param>
/// <param name="Replaced">The containers stopped and removed, oldest first.</param>
/// <param name="StartToReady">How long the new instance took from start to ready (zero for a no-op).</param>
public sealed record RolloutResult(RolloutOutcome Outcome, string Container, string Version, IReadOnlyList<string> Replaced, TimeSpan StartToReady);
