namespace Kiln.Registry.Queries;

/// <summary>The order of a run listing; ties are broken by start time, newest first.</summary>
/// <param name="Column">What to order by.</param>
/// <param name="Descending">Largest (or newest) first.</param>
/// <param name="Key">The metric or parameter key when <paramref name="Column"/> is <see cref="RunSortColumn.Metric"/> or <see cref="RunSortColumn.Parameter"/>.</param>
public sealed record RunSort(RunSortColumn Column, bool Descending = true, string? Key = null)
{
    /// <summary>Newest first.</summary>
    public static RunSort Newest { get; } = new(RunSortColumn.Started);
}
