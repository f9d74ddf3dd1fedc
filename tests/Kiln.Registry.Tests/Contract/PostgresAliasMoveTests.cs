namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="AliasMoveTests"/> (deliberate alias moves, alias history and images) on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresAliasMoveTests : AliasMoveTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
