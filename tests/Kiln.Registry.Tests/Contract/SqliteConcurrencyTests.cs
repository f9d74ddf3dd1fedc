namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="ConcurrencyTests"/> on an embedded SQLite file.</summary>
public sealed class SqliteConcurrencyTests : ConcurrencyTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
