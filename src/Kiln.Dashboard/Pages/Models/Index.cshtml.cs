using Kiln.Registry;
using Kiln.Registry.Models;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Models;

/// <summary>Every registered model with its aliases and newest version.</summary>
/// <param name="registry">The registry.</param>
public sealed class IndexModel(ModelRegistry registry) : PageModel
{
    /// <summary>Each model's name, version count, newest version and aliases with the versions they point at.</summary>
    public IReadOnlyList<(string Name, int Count, ModelVersion? Newest, IReadOnlyList<(string Alias, ModelVersion? Version)> Aliases)> Models { get; private set; } = [];

    /// <summary>Lists the models.</summary>
    public void OnGet()
    {
        Models = [.. registry.Store.ModelNames().Select(name =>
        {
            var newest = registry.Store.QueryVersions(name, 0, 1);
            var aliases = registry.Store.Aliases(name).Select(a => (a.Key, registry.Store.FindVersion(name, a.Value))).ToList();
            return (name, newest.Total, newest.Versions.FirstOrDefault(), (IReadOnlyList<(string, ModelVersion?)>)aliases);
        })];
    }
}
