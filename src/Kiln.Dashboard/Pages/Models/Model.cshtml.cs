using System.Globalization;
using Kiln.Dashboard.Hosting;
using Kiln.Dashboard.Models;
using Kiln.Registry;
using Kiln.Registry.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Models;

/// <summary>One model: its aliases, a page of versions with their decisions and images, and the alias history.</summary>
/// <param name="registry">The registry.</param>
public sealed class ModelModel(ModelRegistry registry) : PageModel
{
    /// <summary>Versions per page.</summary>
    public const int PageSize = 50;

    /// <summary>How many alias moves the history shows.</summary>
    public const int HistoryLength = 30;

    /// <summary>The model name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Aliases and the versions they point at.</summary>
    public IReadOnlyDictionary<string, int> Aliases { get; private set; } = new Dictionary<string, int>();

    /// <summary>This page of versions, newest first.</summary>
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    /// <summary>How many versions the model has.</summary>
    public int Total { get; private set; }

    /// <summary>The 1-based page.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>How many pages.</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The latest alias moves, with a reason (a registration's reason is its version's decision).</summary>
    public IReadOnlyList<(AliasHistoryEntry Entry, string? Reason)> History { get; private set; } = [];

    /// <summary>Shows the model, or a 404 naming the registered ones.</summary>
    public IActionResult OnGet(string name, [FromQuery] string? page)
    {
        var names = registry.Store.ModelNames();
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            Problem.Explain(HttpContext, names.Count == 0
                ? $"There is no model '{name}': nothing is registered yet."
                : $"There is no model '{name}'; registered models: {string.Join(", ", names)}.");
            return NotFound();
        }

        if (page is { Length: > 0 } && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1))
        {
            Problem.Explain(HttpContext, $"page '{page}' is not a page number; pages start at 1.");
            return BadRequest();
        }

        Name = name;
        PageNumber = page is { Length: > 0 } ? int.Parse(page, CultureInfo.InvariantCulture) : 1;
        Aliases = registry.Store.Aliases(name);
        var versions = registry.Store.QueryVersions(name, (PageNumber - 1) * PageSize, PageSize);
        var images = registry.Store.Images(name).ToLookup(i => i.Version);
        Total = versions.Total;
        Versions = [.. versions.Versions.Select(v => new VersionRow(v, [.. images[v.Version]]))];

        // A move without its own reason was made by a registration, whose reason is the version's decision.
        var history = registry.Store.AliasHistory(name, HistoryLength);
        var decisions = history.Where(h => h.Reason is null && h.Version is not null).Select(h => h.Version!.Value).Distinct()
            .ToDictionary(v => v, v => registry.Store.FindVersion(name, v)?.PromotionReason);
        History = [.. history.Select(h => (h, h.Reason ?? (h.Version is { } v && decisions.GetValueOrDefault(v) is { } decision ? $"registration: {decision}" : null)))];
        return Page();
    }
}
