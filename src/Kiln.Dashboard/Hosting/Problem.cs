namespace Kiln.Dashboard.Hosting;

/// <summary>Carries the message of a 4xx answer to the error page that status-code re-execution renders, so the page says what was wrong.</summary>
public static class Problem
{
    private const string Key = "kiln.dashboard.problem";

    /// <summary>Records <paramref name="message"/> for the error page of this request.</summary>
    public static void Explain(HttpContext context, string message) => context.Items[Key] = message;

    /// <summary>The message recorded for this request, or null.</summary>
    public static string? Message(HttpContext context) => context.Items.TryGetValue(Key, out var message) ? message as string : null;

    /// <summary>An empty response with <paramref name="statusCode"/> whose error page shows <paramref name="message"/>.</summary>
    public static IResult Result(HttpContext context, int statusCode, string message)
    {
        Explain(context, message);
        return TypedResults.StatusCode(statusCode);
    }
}
