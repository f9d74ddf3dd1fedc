using Kiln.Dashboard.Experiments;
using Kiln.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Experiments;

/// <summary>Every Tune study, newest first, with its trials counted by state and its best value.</summary>
/// <param name="registry">The registry.</param>
public sealed class IndexModel(ModelRegistry registry) : PageModel
{
    /// <summary>One line per study.</summary>
    public IReadOnlyList<StudySummary> Studies { get; private set; } = [];

    /// <summary>Lists the studies.</summary>
    public void OnGet() =>
        // One trial query per study: the store has no per-state counts, and a study's trials are few (its budget), so this stays cheap at 100 studies.
        Studies = [.. registry.Store.ListStudies().Select(study => StudySummary.Of(study, registry.ListTrials(study.Name)))];
}
