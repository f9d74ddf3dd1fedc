using System.Net;
using System.Reflection;

namespace Kiln.Serving.Configuration;

/// <summary>How the service listens, reports itself and stops (<c>Kiln:Service:*</c>).</summary>
public sealed record ServiceOptions : IKilnOptions
{
    /// <inheritdoc />
    public static string Section => "Kiln:Service";

    /// <summary>The port to listen on (<c>Kiln:Service:Port</c>; 0 picks a free one); unset leaves the addresses to ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS.</summary>
    public int? Port { get; set; }

    /// <summary>The address bound with <see cref="Port"/> (<c>Kiln:Service:Host</c>): an IP address or <c>localhost</c>.</summary>
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>Bind with SO_REUSEPORT so a new instance can take over the port (<c>Kiln:Service:ReusePort</c>).</summary>
    public bool ReusePort { get; set; }

    /// <summary>How long in-flight requests may take to finish on SIGTERM (<c>Kiln:Service:ShutdownTimeoutSeconds</c>).</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a stopping instance keeps serving with <c>Connection: close</c> before it stops listening (<c>Kiln:Service:DrainMilliseconds</c>).</summary>
    public int DrainMilliseconds { get; set; } = 1500;

    /// <summary>The SemVer reported by GET /v2 (<c>Kiln:Service:Version</c>); by default the version the build stamped.</summary>
    public string Version { get; set; } = AssemblyVersion();

    /// <summary><see cref="ShutdownTimeoutSeconds"/> as a duration.</summary>
    public TimeSpan ShutdownTimeout => TimeSpan.FromSeconds(ShutdownTimeoutSeconds);

    /// <summary><see cref="DrainMilliseconds"/> as a duration.</summary>
    public TimeSpan DrainDelay => TimeSpan.FromMilliseconds(DrainMilliseconds);

    /// <inheritdoc />
    public IEnumerable<string> Problems()
    {
        string?[] problems =
        [
            Port is { } port ? SettingRules.Range($"{Section}:Port", port, 0, 65535) : null,
            Host == "localhost" || IPAddress.TryParse(Host, out _) ? null : $"{Section}:Host must be an IP address or localhost, got '{Host}'",
            SettingRules.Range($"{Section}:ShutdownTimeoutSeconds", ShutdownTimeoutSeconds, 0, 3600),
            SettingRules.Range($"{Section}:DrainMilliseconds", DrainMilliseconds, 0, 600_000),
            SettingRules.NotEmpty($"{Section}:Version", Version),
        ];
        return problems.OfType<string>();
    }

    private static string AssemblyVersion()
    {
        var informational = typeof(ServiceOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

        // The SDK appends "+<commit>" build metadata; SemVer allows it, but the README promises the plain version.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? informational[..plus] : informational;
    }
}
