namespace Kiln.Registry.Queries;

/// <summary>The values a run listing can be filtered or sorted by, for choosers and hints.</summary>
/// <param name="Environments">Every configuration profile that has runs.</param>
/// <param name="Versions">The SemVers of the most recently run code (among the latest 500 runs, at most 30), newest first.</param>
/// <param name="MetricKeys">Every metric key any run has.</param>
/// <param name="ParameterKeys">Every parameter key any run has.</param>
public sealed record RunFacets(
    IReadOnlyList<string> Environments,
    IReadOnlyList<string> Versions,
    IReadOnlyList<string> MetricKeys,
    IReadOnlyList<string> ParameterKeys);
