namespace Kiln.Targets.Tests;

public sealed class AbsolutePathTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void ComposesWithSlashAndExposesNameAndParent()
    {
        var root = AbsolutePath.Create(_host.Root);
        var file = root / "data" / "01-raw" / "churn.csv";

        Assert.Equal(Path.Combine(_host.Root, "data", "01-raw", "churn.csv"), (string)file);
        Assert.Equal("churn.csv", file.Name);
        Assert.Equal(root / "data/01-raw", file.Parent);
        Assert.Equal(root, root / "data" / "..");
    }

    [Fact]
    public void CreatesDeletesAndGlobsDirectories()
    {
        var root = AbsolutePath.Create(_host.Root);
        var data = (root / "data" / "nested").CreateDirectory();
        File.WriteAllText(data / "a.csv", "x");
        File.WriteAllText(root / "data" / "b.csv", "x");
        File.WriteAllText(root / "data" / "c.txt", "x");

        Assert.True(data.Exists());
        Assert.Equal(["data/b.csv", "data/nested/a.csv"], root.GlobFiles("**/*.csv").Select(p => p.RelativeTo(root)));

        (root / "data").DeleteDirectory();
        Assert.False((root / "data").Exists());
        (root / "data").DeleteDirectory();
    }

    [Fact]
    public void RejectsRelativePaths() =>
        Assert.Throws<ArgumentException>(() => AbsolutePath.Create("relative/path"));
}
