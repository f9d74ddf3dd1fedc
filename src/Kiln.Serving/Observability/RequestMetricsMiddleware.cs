using System.Diagnostics;

namespace Kiln.Serving.Observability;

/// <summary>Counts every request by its route pattern (not its raw path, which would explode label cardinality) and times it.</summary>
/// <param name="next">The rest of the pipeline.</param>
/// <param name="metrics">The metrics.</param>
public sealed class RequestMetricsMiddleware(RequestDelegate next, ServingMetrics metrics)
{
    /// <summary>Runs the request and records it.</summary>
    /// <param name="context">The request.</param>
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.Requests.WithLabels(route, context.Request.Method, StatusText(context.Response.StatusCode)).Inc();
            metrics.Duration.WithLabels(route).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static string StatusText(int status) => status switch
    {
        200 => "200",
        400 => "400",
        404 => "404",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
