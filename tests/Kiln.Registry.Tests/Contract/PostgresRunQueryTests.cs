namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="RunQueryTests"/> (filtered, sorted, paged run and version listings and facets) on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresRunQueryTests : RunQueryTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
