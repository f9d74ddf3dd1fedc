using Kiln.Dashboard.Compare;
using Kiln.Dashboard.Hosting;
using Kiln.Registry;
using Kiln.Registry.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Compare;

/// <summary>Compares 2–100 runs named by <c>?run=</c>: parameter differences, metrics and overlaid curves.</summary>
/// <param name="registry">The registry.</param>
/// <param name="curves">Each run's recorded curves.</param>
public sealed class IndexModel(ModelRegistry registry, CurveCache curves) : PageModel
{
    /// <summary>The comparison.</summary>
    public RunComparisonView View { get; private set; } = null!;

    /// <summary>Whether every parameter is listed, not only those that differ.</summary>
    public bool AllParameters { get; private set; }

    /// <summary>Shows the comparison; too few or too many runs is a 400, unknown ones a 404, each naming what was wrong.</summary>
    public IActionResult OnGet([FromQuery(Name = "run")] string[] run, [FromQuery(Name = "params")] string? parameters)
    {
        var ids = run.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Select(r => r.ToUpperInvariant()).ToList();
        if (ids.Count < 2)
        {
            Problem.Explain(HttpContext, $"Pick at least two runs to compare (tick them on the Runs page, or add ?run=<id>&run=<id>); got {ids.Count}.");
            return BadRequest();
        }

        if (ids.Count > RunComparisonView.MaxRuns)
        {
            Problem.Explain(HttpContext, $"At most {RunComparisonView.MaxRuns} runs can be compared at once; got {ids.Count}.");
            return BadRequest();
        }

        var found = registry.QueryRuns(new RunQuery(Ids: ids, Limit: RunComparisonView.MaxRuns)).Runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var unknown = ids.Where(id => !found.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            Problem.Explain(HttpContext, $"There is no run {string.Join(", ", unknown.Select(u => $"'{u}'"))} in the registry; the other {ids.Count - unknown.Count} exist.");
            return NotFound();
        }

        AllParameters = parameters == "all";
        View = RunComparisonView.Build([.. ids.Select(id => found[id])], curves.For);
        return Page();
    }
}
