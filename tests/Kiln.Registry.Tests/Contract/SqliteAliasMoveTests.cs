namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="AliasMoveTests"/> (deliberate alias moves, alias history and images) on a real SQLite file.</summary>
public sealed class SqliteAliasMoveTests : AliasMoveTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
