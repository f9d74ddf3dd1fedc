using Xunit;

namespace Kiln.Testing;

/// <summary>
/// What a test does when a component it needs (the Docker engine, a server, chromium, a dotnet tool) is missing: on a
/// workstation it is skipped with the reason and the command that provides the component; in CI (CI=true), where
/// <c>.ci/run</c> provides every component, it fails, so a broken CI set-up can never pass as skipped tests.
/// </summary>
public static class Requirement
{
    /// <summary>Whether the tests run in CI, where every component must be there.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the running test, or fails it in CI; never returns.</summary>
    /// <param name="missing">What is missing and why, e.g. "no Docker engine: connection refused".</param>
    /// <param name="remedy">What provides it, e.g. <c>eval "$(bash .ci/container-engine.sh)"</c>.</param>
    public static void SkipOrFail(string missing, string remedy)
    {
        if (IsCi)
        {
            Assert.Fail($"{missing}. CI must provide it: {remedy} before the tests.");
        }

        Assert.Skip($"{missing} ({remedy} provides it)");
    }
}
