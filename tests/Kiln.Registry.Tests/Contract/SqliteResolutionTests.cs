namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="ResolutionTests"/> on an embedded SQLite file.</summary>
public sealed class SqliteResolutionTests : ResolutionTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
