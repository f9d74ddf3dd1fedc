namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="KilledRunTests"/> on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresKilledRunTests : KilledRunTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
