using Kiln.Registry.Storage;

namespace Kiln.Registry.Tests;

/// <summary>What only the embedded SQLite store does: WAL, a file that is not a database, and a read-only open that never creates the file.</summary>
public sealed class SqliteStoreTests
{
    [Fact]
    public void TheDatabaseIsInWalModeSoReadersProceedWhileARegistrationWrites()
    {
        using var temp = new TempRegistry();
        _ = temp.OpenStore();

        Assert.Equal("wal", temp.Query<string>("PRAGMA journal_mode").Single());
    }

    [Fact]
    public void FileThatIsNotADatabaseGetsAClearErrorNamingIt()
    {
        using var temp = new TempRegistry();
        Directory.CreateDirectory(Path.GetDirectoryName(temp.Options.DatabasePath)!);
        File.WriteAllText(temp.Options.DatabasePath, "id,label\n1,0\n2,1\n" + new string('x', 4096));

        var error = Assert.Throws<RegistryException>(temp.Open);

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Options.DatabasePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReadOnlyOpenOfAMissingFileSaysToRegisterFirstAndCreatesNothing()
    {
        using var temp = new TempRegistry();

        var error = Assert.Throws<RegistryException>(() => temp.OpenStore(access: StoreAccess.ReadOnly));

        Assert.Equal(
            $"There is no registry database at '{temp.Options.DatabasePath}' (opened read-only, so it is not created): register a model first (./build.sh Register).",
            error.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(temp.Options.DatabasePath)));
    }
}
