using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;
using Kiln.Registry;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Storage;

namespace Kiln.Pipeline;

/// <summary>Everything a stage needs: the repository root, the configuration, the reporter and every resolved path.</summary>
/// <param name="rootDirectory">The repository root (the directory holding Solution.sln, or any directory in tests).</param>
/// <param name="config">The loaded configuration.</param>
/// <param name="reporter">Where progress goes; null discards it.</param>
public sealed class PipelineContext(string rootDirectory, KilnConfig config, IStageReporter? reporter = null)
{
    private const string Raw = "data/01-raw";
    private const string Preprocessed = "data/02-preprocessed";
    private const string FeatureData = "data/03-features";
    private const string Predictions = "data/04-predictions";
    private const string Artifacts = "artifacts";
    private const string Lock = "kiln.lock";

    /// <summary>
    /// Everything the stages generate, relative to the root: artifacts/, the derived data folders and kiln.lock.
    /// <see cref="OutputCleaner"/> removes exactly these; data/01-raw is never among them.
    /// </summary>
    public static IReadOnlyList<string> GeneratedOutputs { get; } = [Artifacts, Preprocessed, FeatureData, Predictions, Lock];

    /// <summary>The absolute repository root.</summary>
    public string Root { get; } = Path.GetFullPath(rootDirectory);

    /// <summary>The configuration.</summary>
    public KilnConfig Config { get; } = config;

    /// <summary>Where stages report progress.</summary>
    public IStageReporter Reporter { get; } = reporter ?? NullStageReporter.Instance;

    /// <summary>Where remote content (s3:// data and artifacts) is cached and how S3 is reached; by default the user's cache and the AWS_* environment.</summary>
    public ArtifactStoreOptions StoreOptions { get; init; } = ArtifactStoreOptions.FromEnvironment(rootDirectory);

    /// <summary>config/: the configuration and the pointer files that pin remote data.</summary>
    public string ConfigDirectory => At("config");

    /// <summary>data/01-raw: read-only input.</summary>
    public string RawDirectory => At(Raw);

    /// <summary>The configured raw dataset: a CSV under data/01-raw, or an s3:// object pinned by a pointer file.</summary>
    public RawDataSource RawData => new(this);

    /// <summary>The configured raw dataset CSV (for s3:// data, its verified copy in the local cache).</summary>
    public string RawDataset => RawData.LocalPath;

    /// <summary>The password of a <c>postgres://</c> registry store (the build's <c>--registry-store-password</c>); null reads <c>PGPASSWORD</c>, then <c>~/.pgpass</c>.</summary>
    public string? RegistryPassword { get; init; }

    /// <summary>The registry's store and artifact store from <c>registry.store</c> and <c>registry.artifacts</c>, a SQLite path relative to the root.</summary>
    public RegistryOptions RegistryOptions => new(
        RegistryStores.Resolve(Config.Registry.Store, Root), Artifacts: Config.Registry.Artifacts, ArtifactStore: StoreOptions,
        Postgres: PostgresSettings.FromEnvironment(RegistryPassword));

    /// <summary>A registry other than the configured one (a <c>sqlite:</c> path relative to the root), with its artifacts beside it: what MigrateRegistry copies from.</summary>
    /// <param name="store">The store's URI, e.g. <c>sqlite:artifacts/registry/kiln.db</c>.</param>
    public RegistryOptions OtherRegistryOptions(string store)
    {
        var uri = RegistryStores.Resolve(store, Root);
        RegistryStores.Validate(uri, "the registry to copy from");
        var options = new RegistryOptions(uri, ArtifactStore: StoreOptions);
        return !options.IsSqlite || File.Exists(options.DatabasePath)
            ? options
            : throw new PipelineException($"there is no registry to copy from at {options.DatabasePath} (--from {store})");
    }

    /// <summary>The configured oracle side file, or null.</summary>
    public string? OracleFile => Config.Dataset.Oracle is { } oracle ? Path.Combine(RawDirectory, oracle) : null;

    /// <summary>data/01-raw/metadata.json.</summary>
    public string MetadataFile => Path.Combine(RawDirectory, "metadata.json");

    /// <summary>data/02-preprocessed: validated rows, quarantine and the validation report.</summary>
    public string PreprocessedDirectory => At(Preprocessed);

    /// <summary>data/02-preprocessed/clean.csv.</summary>
    public string CleanCsv => At($"{Preprocessed}/clean.csv");

    /// <summary>data/02-preprocessed/quarantine.csv.</summary>
    public string QuarantineCsv => At($"{Preprocessed}/quarantine.csv");

    /// <summary>data/02-preprocessed/validation.json.</summary>
    public string ValidationJson => At($"{Preprocessed}/validation.json");

    /// <summary>data/02-preprocessed/validation.md.</summary>
    public string ValidationMarkdown => At($"{Preprocessed}/validation.md");

    /// <summary>data/03-features: the train/test split and the feature list.</summary>
    public string FeaturesDirectory => At(FeatureData);

    /// <summary>data/03-features/train.csv.</summary>
    public string TrainCsv => At($"{FeatureData}/train.csv");

    /// <summary>data/03-features/test.csv.</summary>
    public string TestCsv => At($"{FeatureData}/test.csv");

    /// <summary>data/03-features/features.json.</summary>
    public string FeaturesJson => At($"{FeatureData}/features.json");

    /// <summary>artifacts: models, evaluation, the embedded registry and everything else the build writes.</summary>
    public string ArtifactsDirectory => At(Artifacts);

    /// <summary>artifacts/model/model.zip (ML.NET).</summary>
    public string ModelZip => At($"{Artifacts}/model/model.zip");

    /// <summary>artifacts/model/model.onnx.</summary>
    public string ModelOnnx => At($"{Artifacts}/model/model.onnx");

    /// <summary>artifacts/model/signature.json.</summary>
    public string SignatureJson => At($"{Artifacts}/model/signature.json");

    /// <summary>artifacts/model/parity.json.</summary>
    public string ParityJson => At($"{Artifacts}/model/parity.json");

    /// <summary>artifacts/evaluation.</summary>
    public string EvaluationDirectory => At($"{Artifacts}/evaluation");

    /// <summary>artifacts/evaluation/metrics.json.</summary>
    public string MetricsJson => At($"{Artifacts}/evaluation/metrics.json");

    /// <summary>artifacts/evaluation/report.md.</summary>
    public string ReportMarkdown => At($"{Artifacts}/evaluation/report.md");

    /// <summary>artifacts/evaluation/test-predictions.csv (id,label,probability).</summary>
    public string TestPredictionsCsv => At($"{Artifacts}/evaluation/test-predictions.csv");

    /// <summary>artifacts/evaluation/curves.json (the thinned ROC and precision–recall curves).</summary>
    public string CurvesJson => At($"{Artifacts}/evaluation/{Registry.Runs.RunCurves.FileName}");

    /// <summary>artifacts/profile/profile.html: the raw data's profile, readable offline.</summary>
    public string ProfileHtml => At("artifacts/profile/profile.html");

    /// <summary>artifacts/profile/profile.json: the same profile, machine-readable.</summary>
    public string ProfileJson => At("artifacts/profile/profile.json");

    /// <summary>artifacts/tuning: the study report, its plots and the cached cross-validation folds.</summary>
    public string TuningDirectory => At("artifacts/tuning");

    /// <summary>data/04-predictions.</summary>
    public string PredictionsDirectory => At(Predictions);

    /// <summary>kiln.lock at the root.</summary>
    public string LockFile => At(Lock);

    /// <summary>Resolves a repository-relative path ("/"-separated) to an absolute one.</summary>
    /// <param name="relative">The relative path.</param>
    public string At(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>Returns the path relative to the root with "/" separators, as recorded in kiln.lock and messages.</summary>
    /// <param name="path">An absolute or relative path.</param>
    public string Relative(string path) => Path.GetRelativePath(Root, Path.GetFullPath(path, Root)).Replace('\\', '/');
}
