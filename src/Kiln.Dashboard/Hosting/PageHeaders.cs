using System.Diagnostics;
using System.Globalization;

namespace Kiln.Dashboard.Hosting;

/// <summary>Headers on every response: a strict content policy (the app serves everything itself and runs no script) and the server time.</summary>
internal static class PageHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static Task Apply(HttpContext context, RequestDelegate next)
    {
        var clock = Stopwatch.StartNew();
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // What the benchmarks read: time spent in the app until the response starts (pages are rendered whole first).
            headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={clock.Elapsed.TotalMilliseconds:0.0}");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
