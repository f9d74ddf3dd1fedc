using System.Text;
using Kiln.Dashboard.Artifacts;
using Kiln.Dashboard.Hosting;
using Kiln.Dashboard.Rendering;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Runs;

/// <summary>One run: what it was (kind, status, code, config), what it read (lineage), what it measured and produced, and its report.</summary>
/// <param name="registry">The registry.</param>
/// <param name="files">Verified artifact reads.</param>
/// <param name="markdown">Report rendering.</param>
public sealed class DetailsModel(ModelRegistry registry, ArtifactFiles files, MarkdownRenderer markdown) : PageModel
{
    /// <summary>The report's file name among a run's artifacts.</summary>
    public const string ReportName = "report.md";

    /// <summary>The run.</summary>
    public Run Run { get; private set; } = null!;

    /// <summary>The rendered evaluation report, if the run has one stored.</summary>
    public IHtmlContent? Report { get; private set; }

    /// <summary>Why the report cannot be shown, if it is recorded but unreadable.</summary>
    public string? ReportProblem { get; private set; }

    /// <summary>The artifacts by the name the download links use, with whether their content is stored.</summary>
    public IReadOnlyList<(string Name, ArtifactRecord Record, bool Stored)> Artifacts { get; private set; } = [];

    /// <summary>Shows the run, or a 404 page naming the id.</summary>
    public IActionResult OnGet(string id)
    {
        if (registry.FindRun(id) is not { } run)
        {
            Problem.Explain(HttpContext, $"There is no run '{id}' in the registry. Run ids are 26 characters, e.g. from the Runs page or ./build.sh Runs.");
            return NotFound();
        }

        Run = run;
        Artifacts = [.. run.Artifacts.Select(a => (RunArtifacts.Name(a), a, files.IsStored(a.Sha256)))];
        if (RunArtifacts.Find(run, ReportName) is { } report)
        {
            try
            {
                Report = markdown.Render(Encoding.UTF8.GetString(files.ReadAllBytes(report.Sha256)), image =>
                    RunArtifacts.Find(run, image) is not null ? $"/runs/{run.Id}/artifacts/{Uri.EscapeDataString(image)}" : null);
            }
            catch (Exception e) when (e is RegistryException or ArtifactRefusedException)
            {
                ReportProblem = e.Message;
            }
        }

        return Page();
    }
}
