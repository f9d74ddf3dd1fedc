using Kiln.Testing;

namespace Kiln.Dashboard.Tests.Support;

/// <summary>Skips a browser test when chromium is missing, except in CI (CI=true), where a missing browser is a failure with instructions.</summary>
internal static class BrowserRequirement
{
    /// <summary>The chromium the tests drive: KILN_CHROMIUM, else Debian's.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("KILN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static void SkipOrFail(string reason) =>
        Requirement.SkipOrFail($"no browser for the dashboard tests: {reason}", "bash .ci/browser.sh");
}
