namespace Kiln.Serving.Hosting;

/// <summary>The <c>Kiln.Serving healthcheck [url]</c> mode: asks a running instance whether it is ready, without starting a web host.</summary>
/// <remarks>Chiseled images have no curl, so the Dockerfile's HEALTHCHECK runs the service binary in this mode.</remarks>
public static class HealthCheckCommand
{
    /// <summary>Whether the command line asks for the health check.</summary>
    /// <param name="args">The command-line arguments.</param>
    public static bool IsRequested(string[] args) => args is ["healthcheck", ..];

    /// <summary>GETs the readiness endpoint and returns 0 when it answers 200, 1 otherwise.</summary>
    /// <param name="args">The command-line arguments: <c>healthcheck [url]</c>.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var url = ReadinessUrl(args.Length > 1 ? args[1] : null);
        if (url is null)
        {
            await Console.Error.WriteLineAsync($"healthcheck: '{args[1]}' is not an http:// URL");
            return 1;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine($"ready: {url}");
                return 0;
            }

            await Console.Error.WriteLineAsync($"not ready: {url} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"not ready: {url}: {e.Message}");
            return 1;
        }
    }

    private static Uri? ReadinessUrl(string? given)
    {
        if (given is null)
        {
            var port = Environment.GetEnvironmentVariable("Kiln__Service__Port")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0]
                ?? "8080";
            return new Uri($"http://127.0.0.1:{port.Trim()}/v2/health/ready");
        }

        if (!Uri.TryCreate(given, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return null;
        }

        // A bare base address means "this instance": check its readiness route.
        return uri.AbsolutePath == "/" ? new Uri(uri, "/v2/health/ready") : uri;
    }
}
