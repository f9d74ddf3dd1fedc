using Kiln.Dashboard.Hosting;
using Kiln.Dashboard.Runs;
using Kiln.Registry;
using Kiln.Registry.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Kiln.Dashboard.Pages.Runs;

/// <summary>The runs listing: filtered, sorted and paged by the store, with a form that works without script.</summary>
/// <param name="registry">The registry.</param>
/// <param name="options">The dashboard settings (page size).</param>
public sealed class IndexModel(ModelRegistry registry, IOptions<DashboardOptions> options) : PageModel
{
    private static readonly string[] DefaultMetrics = ["roc_auc", "pr_auc", "log_loss"];
    private static readonly string[] DefaultParameters = ["trainer.name"];

    /// <summary>The request as typed.</summary>
    public RunListingRequest Asked { get; private set; } = RunListingRequest.From(new QueryCollection());

    /// <summary>The store query (null when the request was malformed).</summary>
    public RunQuery? Query { get; private set; }

    /// <summary>This page of runs.</summary>
    public RunPage Runs { get; private set; } = new([], 0);

    /// <summary>What the choosers offer.</summary>
    public RunFacets Facets { get; private set; } = new([], [], [], []);

    /// <summary>What is wrong with the request, shown beside the form (status 400).</summary>
    public string? Error { get; private set; }

    /// <summary>Where in the filter the error is, 1-based.</summary>
    public int? ErrorPosition { get; private set; }

    /// <summary>Hints, e.g. a filter naming a metric no run has.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>Metric columns of the table.</summary>
    public IReadOnlyList<string> MetricColumns { get; private set; } = [];

    /// <summary>Parameter columns of the table.</summary>
    public IReadOnlyList<string> ParameterColumns { get; private set; } = [];

    /// <summary>The 1-based page shown.</summary>
    public int PageNumber => Query is null ? 1 : Query.Offset / Query.Limit + 1;

    /// <summary>How many pages the matches fill.</summary>
    public int PageCount => Query is null ? 1 : Math.Max(1, (Runs.Total + Query.Limit - 1) / Query.Limit);

    /// <summary>Answers the listing; a malformed request renders the form with the error and status 400.</summary>
    public IActionResult OnGet()
    {
        Asked = RunListingRequest.From(Request.Query);
        Facets = registry.Store.RunFacets();
        try
        {
            Query = Asked.ToQuery(options.Value.PageSize);
        }
        catch (RunListingException e)
        {
            Error = e.Message;
            ErrorPosition = e.FilterPosition;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var conditions = Query.Conditions ?? [];
        MetricColumns = [.. DefaultMetrics.Where(Facets.MetricKeys.Contains)
            .Concat(conditions.Where(c => c.Target == ConditionTarget.Metric).Select(c => c.Key))
            .Concat(Query.Sort is { Column: RunSortColumn.Metric, Key: { } metric } ? [metric] : [])
            .Distinct(StringComparer.Ordinal)];
        ParameterColumns = [.. DefaultParameters.Where(Facets.ParameterKeys.Contains)
            .Concat(conditions.Where(c => c.Target == ConditionTarget.Parameter).Select(c => c.Key))
            .Concat(Query.Sort is { Column: RunSortColumn.Parameter, Key: { } parameter } ? [parameter] : [])
            .Distinct(StringComparer.Ordinal)];
        Runs = registry.QueryRuns(Query with { ParameterKeys = ParameterColumns });
        foreach (var condition in conditions)
        {
            var known = condition.Target == ConditionTarget.Metric ? Facets.MetricKeys : Facets.ParameterKeys;
            if (!known.Contains(condition.Key, StringComparer.Ordinal))
            {
                var what = condition.Target == ConditionTarget.Metric ? "metric" : "parameter";
                var closest = Kiln.Naming.Suggestions.Closest(condition.Key, known);
                Notices.Add($"No run has a {what} '{condition.Key}', so nothing matches {condition}."
                    + (closest.Count > 0 ? $" Did you mean {string.Join(" or ", closest)}?" : $" Known {what}s: {string.Join(", ", known.Take(40))}{(known.Count > 40 ? ", …" : "")}."));
            }
        }

        if (Runs.Runs.Count == 0 && Runs.Total > 0)
        {
            Notices.Add($"Page {PageNumber} is past the last page ({PageCount}).");
        }

        return Page();
    }

    /// <summary>This listing's URL with some query values replaced (null or empty removes one); changing anything but the page goes back to page 1.</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Asked.Search, ["kind"] = Asked.Kind, ["status"] = Asked.Status, ["env"] = Asked.Environment, ["version"] = Asked.Version,
            ["filter"] = Asked.Filter, ["sort"] = Asked.Sort, ["dir"] = Asked.Direction, ["size"] = Asked.Size, ["page"] = Asked.Page,
        };
        if (!changes.Any(c => c.Key == "page"))
        {
            values["page"] = null;
        }

        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        var query = QueryString.Create(values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).Select(v => KeyValuePair.Create(v.Key, v.Value)));
        return "/runs" + query.ToUriComponent();
    }

    /// <summary>The sort link of a column header: toggles the direction of the current sort, else starts with <paramref name="firstDescending"/>.</summary>
    public string SortLink(string sort, bool firstDescending)
    {
        var current = string.IsNullOrEmpty(Asked.Sort) ? "started" : Asked.Sort;
        var descending = string.Equals(current, sort, StringComparison.OrdinalIgnoreCase)
            ? !(Query?.Sort?.Descending ?? true)
            : firstDescending;
        return Link(("sort", sort == "started" ? null : sort), ("dir", descending ? null : "asc"));
    }

    /// <summary>The <c>aria-sort</c> value of a column header.</summary>
    public string? AriaSort(string sort)
    {
        var current = string.IsNullOrEmpty(Asked.Sort) ? "started" : Asked.Sort;
        return !string.Equals(current, sort, StringComparison.OrdinalIgnoreCase) || Query is null ? null
            : Query.Sort?.Descending ?? true ? "descending" : "ascending";
    }
}
