using System.Collections.Concurrent;
using System.Diagnostics;
using Prometheus;

namespace Kiln.Serving.Observability;

/// <summary>Counts every request by its route pattern (not its raw path, which would explode label cardinality) and times it.</summary>
/// <param name="next">The rest of the pipeline.</param>
/// <param name="metrics">The metrics.</param>
public sealed class RequestMetricsMiddleware(RequestDelegate next, ServingMetrics metrics)
{
    // Label lookups allocate and hash three strings per request; routes, methods and statuses are few, so look up once.
    private readonly ConcurrentDictionary<(string Route, string Method, int Status), (Counter.Child Requests, Histogram.Child Duration)> _children = new();

    private const int MaxCached = 256;

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
            var key = (route, context.Request.Method, context.Response.StatusCode);
            if (!_children.TryGetValue(key, out var children))
            {
                // Clients choose the method of unmatched requests; stop caching rather than grow without bound.
                children = _children.Count < MaxCached ? _children.GetOrAdd(key, Lookup) : Lookup(key);
            }

            children.Requests.Inc();
            children.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private (Counter.Child Requests, Histogram.Child Duration) Lookup((string Route, string Method, int Status) key) => (
        metrics.Requests.WithLabels(key.Route, key.Method, key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        metrics.Duration.WithLabels(key.Route));
}
