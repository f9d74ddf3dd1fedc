using Kiln.Registry.Storage;

namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="MigrationTests"/> on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresMigrationTests : MigrationTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();

    /// <inheritdoc />
    protected override IReadOnlyList<Migration> Steps => PostgresMigrations.All;
}
