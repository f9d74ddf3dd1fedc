using Kiln.Dashboard.Experiments;
using Kiln.Dashboard.Hosting;
using Kiln.Registry;
using Kiln.Registry.Studies;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Experiments;

/// <summary>One study: its setup, its leaderboard of trials and its optimisation history.</summary>
/// <param name="registry">The registry.</param>
public sealed class StudyModel(ModelRegistry registry) : PageModel
{
    private const int NamesListed = 10;

    /// <summary>The study.</summary>
    public StudyRecord Study { get; private set; } = null!;

    /// <summary>Its trials counted by state, and the best.</summary>
    public StudySummary Summary { get; private set; } = null!;

    /// <summary>Every trial, ranked ones first.</summary>
    public IReadOnlyList<LeaderboardRow> Leaderboard { get; private set; } = [];

    /// <summary>The optimisation history chart, or null before any trial has a value.</summary>
    public IHtmlContent? History { get; private set; }

    /// <summary>Shows the study, or a 404 page naming it and the studies there are.</summary>
    public IActionResult OnGet(string name)
    {
        if (registry.Store.FindStudy(name) is not { } study)
        {
            var names = registry.Store.ListStudies().Select(s => s.Name).ToList();
            Problem.Explain(HttpContext, names.Count == 0
                ? $"There is no study '{name}' in the registry; no study has been run yet (./build.sh Tune runs one)."
                : $"There is no study '{name}' in the registry; its studies are {string.Join(", ", names.Take(NamesListed))}{(names.Count > NamesListed ? $" and {names.Count - NamesListed} more (see /experiments)" : "")}.");
            return NotFound();
        }

        var trials = registry.ListTrials(study.Name);
        Study = study;
        Summary = StudySummary.Of(study, trials);
        Leaderboard = LeaderboardRow.Of(study, trials);
        History = OptimisationHistory.Render(study, trials);
        return Page();
    }
}
