using Kiln.Registry.Runs;

namespace Kiln.Registry.Queries;

/// <summary>Which runs to list and how: every filter given must hold; null filters match everything.</summary>
/// <param name="Conditions">Metric and parameter conditions (see <see cref="RunFilter.Parse"/>).</param>
/// <param name="Kind">Only runs of this kind.</param>
/// <param name="Status">Only runs in this state.</param>
/// <param name="Environment">Only runs of this configuration profile.</param>
/// <param name="GitVersion">Only runs of exactly this SemVer.</param>
/// <param name="IdContains">Only runs whose id contains this text (case-insensitive).</param>
/// <param name="Ids">Only these runs (e.g. the ones to compare).</param>
/// <param name="Sort">The order; newest first when null.</param>
/// <param name="Offset">How many matching runs to skip.</param>
/// <param name="Limit">How many runs to return at most (1–1,000).</param>
/// <param name="ParameterKeys">Which parameters to load with each run (null: all), so a listing reads only the columns it shows.</param>
public sealed record RunQuery(
    IReadOnlyList<RunCondition>? Conditions = null,
    RunKind? Kind = null,
    RunStatus? Status = null,
    string? Environment = null,
    string? GitVersion = null,
    string? IdContains = null,
    IReadOnlyList<string>? Ids = null,
    RunSort? Sort = null,
    int Offset = 0,
    int Limit = 50,
    IReadOnlyList<string>? ParameterKeys = null)
{
    /// <summary>The most runs one page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Throws a clear error when the paging values are out of range.</summary>
    public RunQuery Validated()
    {
        if (Offset < 0)
        {
            throw new RegistryException($"A run query's offset must be 0 or more, got {Offset}.");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            throw new RegistryException($"A run query's limit must be between 1 and {MaxLimit}, got {Limit}.");
        }

        if (Sort is { Column: RunSortColumn.Metric or RunSortColumn.Parameter, Key: null or "" })
        {
            throw new RegistryException($"Sorting by a {Sort.Column.ToString().ToLowerInvariant()} needs its key.");
        }

        return this;
    }
}
