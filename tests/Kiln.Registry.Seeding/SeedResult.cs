namespace Kiln.Registry.Seeding;

/// <summary>What was seeded, for tests to point at.</summary>
/// <param name="Model">The model name.</param>
/// <param name="TrainRuns">Train run ids, oldest first.</param>
/// <param name="EvaluateRuns">Evaluate run ids, oldest first.</param>
/// <param name="ReportedRuns">Evaluate runs that have the full report with plots.</param>
/// <param name="Versions">Registered version numbers, oldest first.</param>
/// <param name="RolledBackTo">The version the champion was rolled back to at the end, with a reason, or null.</param>
public sealed record SeedResult(
    string Model,
    IReadOnlyList<string> TrainRuns,
    IReadOnlyList<string> EvaluateRuns,
    IReadOnlyList<string> ReportedRuns,
    IReadOnlyList<int> Versions,
    int? RolledBackTo);
