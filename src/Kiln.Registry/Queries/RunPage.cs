using Kiln.Registry.Runs;

namespace Kiln.Registry.Queries;

/// <summary>One page of a run listing.</summary>
/// <param name="Runs">The runs on this page, in the requested order, with their parameters, metrics, lineage and artifacts.</param>
/// <param name="Total">How many runs match the query across all pages.</param>
public sealed record RunPage(IReadOnlyList<Run> Runs, int Total);
