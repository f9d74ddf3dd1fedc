namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="CrashSafetyTests"/> on an embedded SQLite file.</summary>
public sealed class SqliteCrashSafetyTests : CrashSafetyTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
