namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="RunQueryTests"/> (filtered, sorted, paged run and version listings and facets) on a real SQLite file.</summary>
public sealed class SqliteRunQueryTests : RunQueryTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
