using System.Globalization;
using System.Reflection;

namespace Kiln.Serving.Hosting;

/// <summary>The service's configuration (appsettings.json, then <c>Kiln__*</c> environment variables), read and checked once at startup.</summary>
/// <param name="ServiceVersion">The SemVer reported by GET /v2 (<c>Kiln:Service:Version</c>).</param>
/// <param name="Port">The port to listen on (<c>Kiln:Service:Port</c>); null leaves it to ASPNETCORE_URLS.</param>
/// <param name="Host">The address to bind with <see cref="Port"/> (<c>Kiln:Service:Host</c>, default 0.0.0.0).</param>
/// <param name="ReusePort">Bind with SO_REUSEPORT so a new instance can take over the port (<c>Kiln:Service:ReusePort</c>).</param>
/// <param name="ShutdownTimeout">How long in-flight requests may take to finish on SIGTERM (<c>Kiln:Service:ShutdownTimeoutSeconds</c>).</param>
/// <param name="MaxRequestBodyBytes">The largest accepted body (<c>Kiln:Limits:MaxRequestBodyBytes</c>); larger gets 413.</param>
/// <param name="MaxBatchRows">The most rows one request may send (<c>Kiln:Limits:MaxBatchRows</c>).</param>
/// <param name="Batching">Micro-batching of concurrent requests (<c>Kiln:Batching:*</c>).</param>
/// <param name="IntraOpThreads">ONNX Runtime threads per call (<c>Kiln:Model:IntraOpThreads</c>).</param>
/// <param name="DrainDelay">How long a stopping instance keeps serving with <c>Connection: close</c> before it stops listening (<c>Kiln:Service:DrainMilliseconds</c>).</param>
public sealed record ServingSettings(
    string ServiceVersion,
    int? Port,
    string Host,
    bool ReusePort,
    TimeSpan ShutdownTimeout,
    long MaxRequestBodyBytes,
    int MaxBatchRows,
    BatchingSettings Batching,
    int IntraOpThreads,
    TimeSpan DrainDelay)
{
    /// <summary>Reads and checks the settings; a bad value throws naming the key and the value.</summary>
    /// <param name="configuration">The app configuration.</param>
    public static ServingSettings From(IConfiguration configuration)
    {
        var version = configuration["Kiln:Service:Version"];
        return new ServingSettings(
            string.IsNullOrWhiteSpace(version) ? AssemblyVersion() : version,
            configuration["Kiln:Service:Port"] is { Length: > 0 } ? Int(configuration, "Kiln:Service:Port", 0, 1, 65535) : null,
            configuration["Kiln:Service:Host"] is { Length: > 0 } host ? host : "0.0.0.0",
            Bool(configuration, "Kiln:Service:ReusePort", false),
            TimeSpan.FromSeconds(Int(configuration, "Kiln:Service:ShutdownTimeoutSeconds", 30, 0, 3600)),
            Int(configuration, "Kiln:Limits:MaxRequestBodyBytes", 1 << 20, 64, int.MaxValue - 1),
            Int(configuration, "Kiln:Limits:MaxBatchRows", 1000, 1, 1_000_000),
            new BatchingSettings(
                Bool(configuration, "Kiln:Batching:Enabled", true),
                Int(configuration, "Kiln:Batching:MaxBatchRows", 64, 1, 100_000),
                TimeSpan.FromMicroseconds(Int(configuration, "Kiln:Batching:MaxDelayMicroseconds", 0, 0, 1_000_000)),
                Int(configuration, "Kiln:Batching:Workers", 1, 1, 64)),
            Int(configuration, "Kiln:Model:IntraOpThreads", 1, 1, 64),
            TimeSpan.FromMilliseconds(Int(configuration, "Kiln:Service:DrainMilliseconds", 1500, 0, 600_000)));
    }

    private static string AssemblyVersion()
    {
        var informational = typeof(ServingSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

        // The SDK appends "+<commit>" build metadata; SemVer allows it, but the README promises the plain version.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? informational[..plus] : informational;
    }

    private static int Int(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"configuration {key} must be an integer from {min} to {max}, got '{text}'");
    }

    private static bool Bool(IConfiguration configuration, string key, bool fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"configuration {key} must be true or false, got '{text}'");
    }
}
