namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="ModelVersionTests"/> on an embedded SQLite file.</summary>
public sealed class SqliteModelVersionTests : ModelVersionTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
