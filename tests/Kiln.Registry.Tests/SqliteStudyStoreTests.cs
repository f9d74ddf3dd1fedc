using Kiln.Registry.Storage;

namespace Kiln.Registry.Tests;

/// <summary>The study contract on a real SQLite file.</summary>
public sealed class SqliteStudyStoreTests : StudyStoreContractTests
{
    protected override IRegistryStore OpenStore(TempRegistry temp) => new SqliteRegistryStore(temp.Options);
}
