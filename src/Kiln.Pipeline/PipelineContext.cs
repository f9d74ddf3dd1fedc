using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline;

/// <summary>Everything a stage needs: the repository root, the configuration, the reporter and every resolved path.</summary>
/// <param name="rootDirectory">The repository root (the directory holding Solution.sln, or any directory in tests).</param>
/// <param name="config">The loaded configuration.</param>
/// <param name="reporter">Where progress goes; null discards it.</param>
public sealed class PipelineContext(string rootDirectory, KilnConfig config, IStageReporter? reporter = null)
{
    /// <summary>The absolute repository root.</summary>
    public string Root { get; } = Path.GetFullPath(rootDirectory);

    /// <summary>The configuration.</summary>
    public KilnConfig Config { get; } = config;

    /// <summary>Where stages report progress.</summary>
    public IStageReporter Reporter { get; } = reporter ?? NullStageReporter.Instance;

    /// <summary>data/01-raw: read-only input.</summary>
    public string RawDirectory => At("data/01-raw");

    /// <summary>The configured raw dataset CSV.</summary>
    public string RawDataset => Path.Combine(RawDirectory, Config.Dataset.Path);

    /// <summary>The configured oracle side file, or null.</summary>
    public string? OracleFile => Config.Dataset.Oracle is { } oracle ? Path.Combine(RawDirectory, oracle) : null;

    /// <summary>data/01-raw/metadata.json.</summary>
    public string MetadataFile => Path.Combine(RawDirectory, "metadata.json");

    /// <summary>data/02-preprocessed/clean.csv.</summary>
    public string CleanCsv => At("data/02-preprocessed/clean.csv");

    /// <summary>data/02-preprocessed/quarantine.csv.</summary>
    public string QuarantineCsv => At("data/02-preprocessed/quarantine.csv");

    /// <summary>data/02-preprocessed/validation.json.</summary>
    public string ValidationJson => At("data/02-preprocessed/validation.json");

    /// <summary>data/02-preprocessed/validation.md.</summary>
    public string ValidationMarkdown => At("data/02-preprocessed/validation.md");

    /// <summary>data/03-features/train.csv.</summary>
    public string TrainCsv => At("data/03-features/train.csv");

    /// <summary>data/03-features/test.csv.</summary>
    public string TestCsv => At("data/03-features/test.csv");

    /// <summary>data/03-features/features.json.</summary>
    public string FeaturesJson => At("data/03-features/features.json");

    /// <summary>artifacts/model/model.zip (ML.NET).</summary>
    public string ModelZip => At("artifacts/model/model.zip");

    /// <summary>artifacts/model/model.onnx.</summary>
    public string ModelOnnx => At("artifacts/model/model.onnx");

    /// <summary>artifacts/model/signature.json.</summary>
    public string SignatureJson => At("artifacts/model/signature.json");

    /// <summary>artifacts/model/parity.json.</summary>
    public string ParityJson => At("artifacts/model/parity.json");

    /// <summary>artifacts/evaluation.</summary>
    public string EvaluationDirectory => At("artifacts/evaluation");

    /// <summary>artifacts/evaluation/metrics.json.</summary>
    public string MetricsJson => At("artifacts/evaluation/metrics.json");

    /// <summary>artifacts/evaluation/report.md.</summary>
    public string ReportMarkdown => At("artifacts/evaluation/report.md");

    /// <summary>artifacts/evaluation/test-predictions.csv (id,label,probability).</summary>
    public string TestPredictionsCsv => At("artifacts/evaluation/test-predictions.csv");

    /// <summary>artifacts/evaluation/curves.json (the thinned ROC and precision–recall curves).</summary>
    public string CurvesJson => At("artifacts/evaluation/" + Registry.Runs.RunCurves.FileName);

    /// <summary>data/04-predictions.</summary>
    public string PredictionsDirectory => At("data/04-predictions");

    /// <summary>kiln.lock at the root.</summary>
    public string LockFile => At("kiln.lock");

    /// <summary>Resolves a repository-relative path ("/"-separated) to an absolute one.</summary>
    /// <param name="relative">The relative path.</param>
    public string At(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>Returns the path relative to the root with "/" separators, as recorded in kiln.lock and messages.</summary>
    /// <param name="path">An absolute or relative path.</param>
    public string Relative(string path) => Path.GetRelativePath(Root, Path.GetFullPath(path, Root)).Replace('\\', '/');
}
