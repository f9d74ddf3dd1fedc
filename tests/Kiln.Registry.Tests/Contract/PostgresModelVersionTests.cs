namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="ModelVersionTests"/> on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresModelVersionTests : ModelVersionTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
