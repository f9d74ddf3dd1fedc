using Kiln.Pipeline;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Onnx;
using Kiln.Pipeline.Stages;
using Kiln.Registry;
using Kiln.Registry.Promotion;
using Kiln.Registry.Resolution;
using Kiln.Registry.Runs;
using Kiln.Targets;

/// <summary>Kiln's lifecycle as typed targets: data, features, model, quality gate, registry, container, deployment.</summary>
/// <remarks>This file declares the state every concern shares; the other partials hold targets and their parameters.</remarks>
partial class Build : KilnBuild
{
    /// <summary>Runs the targets named on the command line; Evaluate when none is named.</summary>
    public static int Main() => Execute<Build>(x => x.Evaluate);

    [Parameter("Configuration environment: reads config/<env>.yaml (local or prod)")]
    readonly string Env = "local";

    [Parameter("Registry store to use instead of registry.store in config: sqlite:<file> or postgres://user@host:5432/db (e.g. from a CI secret)")]
    readonly string? RegistryStore;

    [Parameter("Artifact store to use instead of registry.artifacts in config: file:<dir> or s3://bucket/prefix")]
    readonly string? RegistryArtifacts;

    [Parameter("Password of a postgres:// registry store (default: PGPASSWORD, then ~/.pgpass)"), Secret]
    readonly string? RegistryStorePassword;

    // One --port for the targets that serve until Ctrl-C; each has its own default (Serve 8081, Dashboard 8090).
    [Parameter("Port Serve (default 8081) or Dashboard (default 8090) listens on at 127.0.0.1; 0 picks a free one")]
    readonly int? Port;

    KilnConfig? _config;
    PipelineContext? _pipeline;
    ModelRegistry? _registry;
    GitVersionInfo? _version;
    PredictionSample? _championSample;
    readonly ConsoleStageReporter _reporter = new();

    AbsolutePath ConfigFile => RootDirectory / "config" / $"{Env}.yaml";

    KilnConfig Config => _config ??= WithStores(KilnConfig.Load(ConfigFile));

    PipelineContext Pipeline => _pipeline ??= new PipelineContext(RootDirectory, Config, _reporter) { RegistryPassword = RegistryStorePassword };

    // The configured stores, read-write: every target that uses the registry (Register, Models, Runs, Containerize, Deploy, Serve) opens these.
    ModelRegistry Registry => _registry ??= ModelRegistry.Open(Pipeline.RegistryOptions);

    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    string ChampionReference => $"models:/{Config.Registry.ModelName}@{PromotionPolicy.ChampionAlias}";

    ResolvedModel Champion => Registry.TryResolve(ChampionReference)
        ?? throw new InvalidOperationException($"'{Config.Registry.ModelName}' has no @champion yet; run ./build.sh Register with a model that passes the quality gate");

    // A few test rows and the champion's local ONNX Runtime answers: the smoke test of every container that serves it.
    PredictionSample ChampionSample
    {
        get
        {
            if (_championSample is null)
            {
                var champion = Champion;
                _championSample = PredictionSample.FromTestSplit(Pipeline, champion.Verify(), champion.ExpectedSha256);
            }

            return _championSample;
        }
    }

    Target Clean => _ => _
        .Description("Remove generated outputs (artifacts, derived data, stage lock); never data/01-raw")
        .Before(Features, Profile, PushData)
        .Executes(() =>
        {
            var removed = OutputCleaner.Clean(RootDirectory);
            Log.Information(removed.Count == 0 ? "Nothing to clean" : $"Removed {string.Join(", ", removed)}");
        });

    KilnConfig WithStores(KilnConfig config) =>
        config with { Registry = config.Registry.WithStores(RegistryStore, RegistryArtifacts, "--registry-store / --registry-artifacts (REGISTRY_STORE, REGISTRY_ARTIFACTS)") };

    async Task<GitVersionInfo> Version(CancellationToken cancellationToken) =>
        _version ??= await GitVersionInfo.GetAsync(RootDirectory, TemporaryDirectory, cancellationToken);

    // What every tracked run records about the code and the environment it ran in.
    async Task<RunStart> RunStartOf(RunKind kind, CancellationToken cancellationToken)
    {
        var version = await Version(cancellationToken);
        return new RunStart(kind, version.SemVer, version.Sha, Env);
    }

    // After a target rewrote config/<env>.yaml (Tune --apply), the later targets of the same invocation read it afresh.
    void ReloadConfig() => (_config, _pipeline) = (null, null);

    static CacheStatus Status(IStage stage)
    {
        var status = stage.Check();
        return new CacheStatus(status.IsUpToDate, status.Reason);
    }

    // Stages report their own summary line through the reporter.
    async Task RunStage(IStage stage, CancellationToken cancellationToken)
    {
        try
        {
            await stage.RunAsync(cancellationToken);
        }
        finally
        {
            _reporter.Dispose();
        }
    }
}
