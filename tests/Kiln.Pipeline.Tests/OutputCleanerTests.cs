using Kiln.Hashing;

namespace Kiln.Pipeline.Tests;

public sealed class OutputCleanerTests : IDisposable
{
    private readonly TestWorkspace _workspace = TestWorkspace.WithChurn(rows: 200);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void RemovesEveryGeneratedOutputAndKeepsTheTrackedFolders()
    {
        var context = _workspace.Context(TestWorkspace.ChurnYaml());
        foreach (var file in new[] { context.CleanCsv, context.QuarantineCsv, context.TrainCsv, context.ModelOnnx, context.ReportMarkdown, Path.Combine(context.PredictionsDirectory, "churn.predictions.csv"), context.LockFile })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "generated");
        }

        foreach (var kept in new[] { context.PreprocessedDirectory, context.FeaturesDirectory, context.PredictionsDirectory })
        {
            File.WriteAllText(Path.Combine(kept, ".gitkeep"), "");
        }

        Directory.CreateDirectory(Path.Combine(context.FeaturesDirectory, "nested", "deeper"));

        var removed = OutputCleaner.Clean(_workspace.Root);

        Assert.Equal(["artifacts", "data/02-preprocessed", "data/03-features", "data/04-predictions", "kiln.lock"], removed);
        Assert.False(Directory.Exists(context.ArtifactsDirectory));
        Assert.False(File.Exists(context.LockFile));
        foreach (var kept in new[] { context.PreprocessedDirectory, context.FeaturesDirectory, context.PredictionsDirectory })
        {
            Assert.Equal([Path.Combine(kept, ".gitkeep")], Directory.EnumerateFileSystemEntries(kept));
        }
    }

    [Fact]
    public void NeverTouchesTheRawDataOrAnythingElseUnderTheRoot()
    {
        var context = _workspace.Context(TestWorkspace.ChurnYaml());
        var raw = Directory.EnumerateFiles(context.RawDirectory).ToDictionary(f => f, FileHash.Sha256);
        var config = _workspace.At("config/local.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        File.WriteAllText(config, TestWorkspace.ChurnYaml());
        Directory.CreateDirectory(context.EvaluationDirectory);
        File.WriteAllText(context.MetricsJson, "{}");

        OutputCleaner.Clean(_workspace.Root);

        Assert.NotEmpty(raw);
        Assert.Equal(raw, Directory.EnumerateFiles(context.RawDirectory).ToDictionary(f => f, FileHash.Sha256));
        Assert.Equal(TestWorkspace.ChurnYaml(), File.ReadAllText(config));
    }

    [Fact]
    public void ReportsNothingWhenThereIsNothingToClean()
    {
        Assert.Empty(OutputCleaner.Clean(_workspace.Root));
        Assert.True(Directory.Exists(_workspace.RawDirectory));
    }

    [Fact]
    public void DeletesALinkInAnOutputFolderButNotWhatItPointsTo()
    {
        var context = _workspace.Context(TestWorkspace.ChurnYaml());
        Directory.CreateDirectory(context.FeaturesDirectory);
        Directory.CreateSymbolicLink(Path.Combine(context.FeaturesDirectory, "raw-link"), context.RawDirectory);
        var rawFiles = Directory.EnumerateFiles(context.RawDirectory).Count();

        Assert.Equal(["data/03-features"], OutputCleaner.Clean(_workspace.Root));

        Assert.Equal(rawFiles, Directory.EnumerateFiles(context.RawDirectory).Count());
        Assert.False(Directory.Exists(context.FeaturesDirectory));
    }
}
