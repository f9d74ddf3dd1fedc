namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="KilledRunTests"/> on an embedded SQLite file.</summary>
public sealed class SqliteKilledRunTests : KilledRunTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
