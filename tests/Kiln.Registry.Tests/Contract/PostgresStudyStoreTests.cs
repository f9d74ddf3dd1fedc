namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="StudyStoreContractTests"/> (the tuning studies and trials) on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresStudyStoreTests : StudyStoreContractTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
