namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="ResolutionTests"/> on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresResolutionTests : ResolutionTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
