using System.Text;
using Kiln.Dashboard.Artifacts;
using Kiln.Dashboard.Hosting;
using Kiln.Dashboard.Models;
using Kiln.Dashboard.Rendering;
using Kiln.Registry;
using Kiln.Registry.Models;
using Kiln.Registry.Promotion;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Models;

/// <summary>One version: metrics, decision, signature, images, files, its rendered model card, and the alias moves it offers.</summary>
/// <param name="registry">The registry.</param>
/// <param name="files">Verified artifact reads.</param>
/// <param name="markdown">Card rendering.</param>
/// <param name="gate">Whether alias moves are enabled.</param>
public sealed class VersionModel(ModelRegistry registry, ArtifactFiles files, MarkdownRenderer markdown, AliasGate gate) : PageModel
{
    /// <summary>The version.</summary>
    public ModelVersion Version { get; private set; } = null!;

    /// <summary>The model's aliases and their versions.</summary>
    public IReadOnlyDictionary<string, int> Aliases { get; private set; } = new Dictionary<string, int>();

    /// <summary>Images that carry this version.</summary>
    public IReadOnlyList<ModelImage> Images { get; private set; } = [];

    /// <summary>The rendered model card, if stored.</summary>
    public IHtmlContent? Card { get; private set; }

    /// <summary>Why the card cannot be shown, if it cannot.</summary>
    public string? CardProblem { get; private set; }

    /// <summary>Whether alias moves are enabled.</summary>
    public bool CanMove => gate.Enabled;

    /// <summary>The alias that was just moved here, to confirm it.</summary>
    public string? Moved { get; private set; }

    /// <summary>The alias moves this version offers: alias, link text.</summary>
    public IReadOnlyList<(string Alias, string Label)> Moves { get; private set; } = [];

    /// <summary>Shows the version, or a 404 naming the model's versions.</summary>
    public IActionResult OnGet(string name, int version, [FromQuery] string? moved)
    {
        if (registry.Store.FindVersion(name, version) is not { } found)
        {
            var versions = registry.Store.ModelNames().Contains(name, StringComparer.Ordinal)
                ? registry.Store.ListVersions(name).Select(v => v.Version).Order().ToList()
                : null;
            Problem.Explain(HttpContext, versions is null
                ? $"There is no model '{name}' in the registry."
                : $"Model '{name}' has no version {version}; its versions are {Ranges(versions)}.");
            return NotFound();
        }

        Version = found;
        Moved = moved;
        Aliases = registry.Store.Aliases(name);
        Images = [.. registry.Store.Images(name).Where(i => i.Version == version)];
        Moves = [.. MovesFor(found)];
        if (found.Artifacts.FirstOrDefault(a => a.Name == ModelCardWriter.FileName) is { } card)
        {
            try
            {
                Card = markdown.Render(Encoding.UTF8.GetString(files.ReadAllBytes(card.Sha256)), image =>
                    found.Artifacts.Any(a => a.Name == image) ? $"/models/{name}/versions/{version}/artifacts/{Uri.EscapeDataString(image)}" : null);
            }
            catch (Exception e) when (e is RegistryException or ArtifactRefusedException)
            {
                CardProblem = e.Message;
            }
        }

        return Page();
    }

    private IEnumerable<(string Alias, string Label)> MovesFor(ModelVersion version)
    {
        var champion = PromotionPolicy.ChampionAlias;
        if (!version.Aliases.Contains(champion))
        {
            yield return Aliases.TryGetValue(champion, out var current) && current > version.Version
                ? (champion, $"Roll @{champion} back to v{version.Version}")
                : (champion, $"Promote v{version.Version} to @{champion}");
        }

        var others = Aliases.Keys.Append(PromotionPolicy.ChallengerAlias).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var alias in others.Where(a => a != champion && !version.Aliases.Contains(a)))
        {
            yield return (alias, $"Point @{alias} at v{version.Version}");
        }
    }

    private static string Ranges(List<int> versions) => versions.Count == 0 ? "none" :
        versions.Count <= 12 ? string.Join(", ", versions) : $"{versions[0]}–{versions[^1]} ({versions.Count} versions)";
}
