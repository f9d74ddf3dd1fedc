using System.Globalization;
using Kiln.Dashboard.Hosting;
using Kiln.Dashboard.Models;
using Kiln.Registry;
using Kiln.Registry.Models;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages.Models;

/// <summary>The dashboard's one state change: moving an alias, after a confirmation page, with the token, an anti-forgery token and a reason.</summary>
/// <param name="registry">The registry.</param>
/// <param name="gate">The token check.</param>
/// <param name="antiforgery">Validates the form's anti-forgery token.</param>
[IgnoreAntiforgeryToken] // validated by hand in OnPost, so a failure gets a page that says so instead of a bare 400
public sealed class MoveAliasModel(ModelRegistry registry, AliasGate gate, IAntiforgery antiforgery) : PageModel
{
    /// <summary>The longest reason accepted.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The model.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The alias to move.</summary>
    public string Alias { get; private set; } = "";

    /// <summary>The version it would point at.</summary>
    public ModelVersion Target { get; private set; } = null!;

    /// <summary>The version it points at now, or null when unset.</summary>
    public ModelVersion? Current { get; private set; }

    /// <summary>Whether moves are enabled (a token is configured).</summary>
    public bool Enabled => gate.Enabled;

    /// <summary>What went wrong with a submitted move.</summary>
    public string? Error { get; private set; }

    /// <summary>The reason as typed, kept when the form is shown again.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Shows what would change and asks for the reason and the token.</summary>
    public IActionResult OnGet(string name, string alias, [FromQuery] string? to) => Load(name, alias, to) ?? Page();

    /// <summary>Moves the alias if the anti-forgery token, the dashboard token and the reason are all good and the alias has not moved since the page was shown.</summary>
    public async Task<IActionResult> OnPostAsync(string name, string alias, [FromForm] string? to, [FromForm] string? token, [FromForm] string? expected)
    {
        if (Load(name, alias, to) is { } failure)
        {
            return failure;
        }

        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            Problem.Explain(HttpContext, "The form's anti-forgery token is missing or does not match this browser's, so nothing was changed. Open the move page again from the dashboard and submit it from there.");
            return BadRequest();
        }

        if (!gate.Enabled)
        {
            Problem.Explain(HttpContext, "This dashboard is read-only (no token is configured), so aliases cannot be moved; nothing was changed.");
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!gate.Accepts(token))
        {
            return Refuse(StatusCodes.Status403Forbidden, "The token is wrong, so nothing was changed.");
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Give a reason: it is recorded in the alias history for whoever looks next.");
        }

        if (Reason.Length > MaxReasonLength)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"The reason is {Reason.Length} characters long; keep it under {MaxReasonLength}.");
        }

        int? expectedVersion = int.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var seen) ? seen : null;
        try
        {
            registry.MoveAlias(new AliasMove(name, alias, Target.Version, expectedVersion, Reason));
        }
        catch (AliasConflictException e)
        {
            return Refuse(StatusCodes.Status409Conflict, e.Message);
        }

        return Redirect($"/models/{Uri.EscapeDataString(name)}/versions/{Target.Version}?moved={Uri.EscapeDataString(alias)}");
    }

    private IActionResult Refuse(int status, string error)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }

    // Null when the model, alias and target version are all good; otherwise the error response.
    private IActionResult? Load(string name, string alias, string? to)
    {
        try
        {
            RegistryNames.ValidAlias(alias);
        }
        catch (RegistryException e)
        {
            Problem.Explain(HttpContext, e.Message);
            return BadRequest();
        }

        if (!int.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            Problem.Explain(HttpContext, $"Which version should @{alias} point at? Add ?to=<version number> (got '{to}').");
            return BadRequest();
        }

        if (registry.Store.FindVersion(name, version) is not { } target)
        {
            Problem.Explain(HttpContext, $"Model '{name}' has no version {version}.");
            return NotFound();
        }

        Name = name;
        Alias = alias;
        Target = target;
        Current = registry.Store.FindVersionByAlias(name, alias);
        return null;
    }
}
