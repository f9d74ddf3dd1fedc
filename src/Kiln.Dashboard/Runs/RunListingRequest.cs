using System.Globalization;
using Kiln.Registry.Queries;
using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Runs;

/// <summary>The runs page's query string, as typed: search, kind, status, env, version, filter, sort, dir, page and size.</summary>
/// <param name="Search">Text the run id must contain.</param>
/// <param name="Kind">A run kind, or empty for all.</param>
/// <param name="Status">A run status, or empty for all.</param>
/// <param name="Environment">An environment, or empty for all.</param>
/// <param name="Version">A SemVer, or empty for all.</param>
/// <param name="Filter">Metric and parameter conditions in the filter language.</param>
/// <param name="Sort">started, kind, status, duration, version, env, metric:&lt;key&gt; or param:&lt;key&gt;.</param>
/// <param name="Direction">asc or desc.</param>
/// <param name="Page">The 1-based page.</param>
/// <param name="Size">Runs per page.</param>
public sealed record RunListingRequest(
    string? Search, string? Kind, string? Status, string? Environment, string? Version, string? Filter,
    string? Sort, string? Direction, string? Page, string? Size)
{
    /// <summary>The sizes a page may have.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [25, 50, 100, 200];

    /// <summary>Reads the request from a query string.</summary>
    public static RunListingRequest From(IQueryCollection query) => new(
        query["q"], query["kind"], query["status"], query["env"], query["version"], query["filter"],
        query["sort"], query["dir"], query["page"], query["size"]);

    /// <summary>The store query this asks for, or throws <see cref="RunListingException"/> naming the bad field.</summary>
    /// <param name="defaultSize">The page size when none is asked for.</param>
    public RunQuery ToQuery(int defaultSize)
    {
        var size = Number(Size, "size", defaultSize);
        if (size is < 1 or > RunQuery.MaxLimit)
        {
            throw new RunListingException($"size {size} is out of range; use 1-{RunQuery.MaxLimit}");
        }

        var page = Number(Page, "page", 1);
        if (page < 1 || (long)(page - 1) * size > int.MaxValue)
        {
            throw new RunListingException($"page {page} is out of range; pages start at 1");
        }

        IReadOnlyList<RunCondition> conditions;
        try
        {
            conditions = RunFilter.Parse(Filter);
        }
        catch (RunFilterException e)
        {
            throw new RunListingException($"filter: {e.Message}", e.Position);
        }

        return new RunQuery(
            conditions,
            Choice<RunKind>(Kind, "kind"),
            Choice<RunStatus>(Status, "status"),
            Blank(Environment),
            Blank(Version),
            Blank(Search),
            Sort: ParseSort(),
            Offset: (page - 1) * size,
            Limit: size);
    }

    private RunSort ParseSort()
    {
        var descending = Direction?.Trim().ToLowerInvariant() switch
        {
            null or "" or "desc" => true,
            "asc" => false,
            var other => throw new RunListingException($"dir '{other}' is not a direction; use asc or desc"),
        };
        var sort = Sort?.Trim() ?? "";
        var colon = sort.IndexOf(':', StringComparison.Ordinal);
        var (name, key) = colon < 0 ? (sort.ToLowerInvariant(), null) : (sort[..colon].ToLowerInvariant(), sort[(colon + 1)..]);
        var column = name switch
        {
            "" or "started" => RunSortColumn.Started,
            "kind" => RunSortColumn.Kind,
            "status" => RunSortColumn.Status,
            "duration" => RunSortColumn.Duration,
            "version" => RunSortColumn.Version,
            "env" => RunSortColumn.Environment,
            "metric" => RunSortColumn.Metric,
            "param" => RunSortColumn.Parameter,
            _ => throw new RunListingException($"sort '{sort}' is not a column; use started, kind, status, duration, version, env, metric:<key> or param:<key>"),
        };
        if (column is RunSortColumn.Metric or RunSortColumn.Parameter && string.IsNullOrWhiteSpace(key))
        {
            throw new RunListingException($"sort '{sort}' names no key; write e.g. {name}:roc_auc");
        }

        return new RunSort(column, descending, key);
    }

    private static int Number(string? text, string field, int fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new RunListingException($"{field} '{text}' is not a whole number");

    private static T? Choice<T>(string? text, string field)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null
        : Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !text.Any(char.IsAsciiDigit) ? value
        : throw new RunListingException($"{field} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
