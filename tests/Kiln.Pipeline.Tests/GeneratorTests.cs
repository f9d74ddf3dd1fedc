using System.Text.Json;
using Kiln.Hashing;
using Kiln.Pipeline.Data;
using Kiln.Testing;

namespace Kiln.Pipeline.Tests;

public sealed class GeneratorTests
{
    [Fact]
    public void RegeneratingTheShippedDatasetReproducesTheCommittedFileByteForByte()
    {
        using var workspace = new TestWorkspace();
        var shipped = Path.Combine(RepositoryRoot.Path, "data", "01-raw");
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(shipped, "metadata.json")));

        var generated = new ChurnDatasetGenerator().WriteTo(workspace.RawDirectory);

        Assert.Equal(metadata.RootElement.GetProperty("sha256").GetString(), generated.Sha256);
        Assert.Equal(FileHash.Sha256(Path.Combine(shipped, "churn.csv")), generated.Sha256);
        Assert.Equal(FileHash.Sha256(Path.Combine(shipped, "churn.oracle.csv")), FileHash.Sha256(generated.OraclePath));
        Assert.InRange(generated.PositiveRate, 0.22, 0.30);
    }

    [Fact]
    public void SameSeedGivesIdenticalFilesAndADifferentSeedDoesNot()
    {
        using var a = new TestWorkspace();
        using var b = new TestWorkspace();
        using var c = new TestWorkspace();

        var first = new ChurnDatasetGenerator(seed: 5, rows: 2000).WriteTo(a.RawDirectory);
        var second = new ChurnDatasetGenerator(seed: 5, rows: 2000).WriteTo(b.RawDirectory);
        var other = new ChurnDatasetGenerator(seed: 6, rows: 2000).WriteTo(c.RawDirectory);

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.NotEqual(first.Sha256, other.Sha256);
    }
}
