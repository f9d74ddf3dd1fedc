namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="RunTrackingTests"/> on an embedded SQLite file.</summary>
public sealed class SqliteRunTrackingTests : RunTrackingTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
