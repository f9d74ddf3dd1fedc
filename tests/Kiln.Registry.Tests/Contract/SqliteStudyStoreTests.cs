namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="StudyStoreContractTests"/> (the tuning studies and trials) on a real SQLite file.</summary>
public sealed class SqliteStudyStoreTests : StudyStoreContractTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempRegistry();
}
