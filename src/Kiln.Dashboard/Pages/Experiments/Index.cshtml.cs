using Kiln.Dashboard.Experiments;
using Kiln.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Experiments;

/// <summary>Every Tune study, newest first, with its trials counted by state and its best value.</summary>
/// <param name="registry">The registry.</param>
/// <param name="summaries">The studies' summaries (finished ones kept).</param>
public sealed class IndexModel(ModelRegistry registry, StudySummaries summaries) : PageModel
{
    /// <summary>One line per study.</summary>
    public IReadOnlyList<StudySummary> Studies { get; private set; } = [];

    /// <summary>Lists the studies.</summary>
    public void OnGet() => Studies = [.. registry.Store.ListStudies().Select(summaries.Of)];
}
