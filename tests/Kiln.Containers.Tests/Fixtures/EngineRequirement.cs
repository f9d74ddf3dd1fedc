namespace Kiln.Containers.Tests.Fixtures;

/// <summary>Skips a test when no Docker engine answers, except in CI (CI=true), where a missing engine is a failure with instructions.</summary>
internal static class EngineRequirement
{
    public static void SkipOrFail(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"no Docker engine: {reason}. CI must provide one: run eval \"$(bash .ci/container-engine.sh)\" before the tests.");
        }

        Assert.Skip($"no Docker engine: {reason}");
    }
}
