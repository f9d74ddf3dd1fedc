using Kiln.Testing;

namespace Kiln.Containers.Tests.Fixtures;

/// <summary>Skips a test when no Docker engine answers, except in CI, where a missing engine is a failure (see <see cref="Requirement"/>).</summary>
internal static class EngineRequirement
{
    public static void SkipOrFail(string reason) =>
        Requirement.SkipOrFail($"no Docker engine: {reason}", "eval \"$(bash .ci/container-engine.sh)\"");
}
