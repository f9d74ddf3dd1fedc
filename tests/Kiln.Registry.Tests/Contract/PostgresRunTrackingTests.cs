namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="RunTrackingTests"/> on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresRunTrackingTests : RunTrackingTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
