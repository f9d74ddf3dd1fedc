namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="CrashSafetyTests"/> on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresCrashSafetyTests : CrashSafetyTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
