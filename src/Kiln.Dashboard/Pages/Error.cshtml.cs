using Kiln.Dashboard.Hosting;
using Kiln.Registry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Dashboard.Pages;

/// <summary>The page every error status renders: what was wrong in words, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The status code.</summary>
    public int Code { get; private set; }

    /// <summary>The heading.</summary>
    public string Heading { get; private set; } = "";

    /// <summary>What was wrong.</summary>
    public string Message { get; private set; } = "";

    /// <summary>Renders the status in <paramref name="code"/> (re-executed by the status-code and exception middleware).</summary>
    public IActionResult OnGet(int code) => Render(code);

    /// <summary>The same page for a failed form post.</summary>
    public IActionResult OnPost(int code) => Render(code);

    private IActionResult Render(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (failure is RegistryException registryFailure)
        {
            // The registry's messages name the file and the cause; a database that cannot be read is the server's problem, not the request's.
            Code = StatusCodes.Status503ServiceUnavailable;
            Message = $"The registry could not be read: {registryFailure.Message}";
        }
        else
        {
            Message = Problem.Message(HttpContext) ?? Code switch
            {
                404 => $"There is no page at {HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? Request.Path}.",
                405 => "That address does not accept this kind of request.",
                400 => "The request was malformed.",
                500 => $"The dashboard failed while answering (request {HttpContext.TraceIdentifier}); the server log has the details.",
                _ => "The request could not be answered.",
            };
        }

        Heading = Code switch
        {
            400 => "Bad request",
            403 => "Refused",
            404 => "Not found",
            409 => "Conflict",
            503 => "Registry unavailable",
            >= 500 => "Something went wrong",
            _ => "Request failed",
        };
        Response.StatusCode = Code;
        return Page();
    }
}
