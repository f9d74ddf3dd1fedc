using Kiln.Registry.Storage;

namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="MigrationTests"/> on an embedded SQLite file.</summary>
public sealed class SqliteMigrationTests : MigrationTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();

    /// <inheritdoc />
    protected override IReadOnlyList<Migration> Steps => Migrations.All;
}
