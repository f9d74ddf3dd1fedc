using BenchmarkDotNet.Attributes;
using Kiln.Registry.Models;
using Kiln.Registry.Promotion;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Benchmarks;

/// <summary>Listing and registration costs on a registry holding 1,000 runs and 100 versions.</summary>
[MemoryDiagnoser]
public class RegistryBenchmarks
{
    private const int Runs = 1_000;
    private const int Versions = 100;

    private string _directory = string.Empty;
    private ModelRegistry _registry = null!;
    private string _model = string.Empty;
    private bool[] _labels = [];
    private double[] _candidate = [];
    private double[] _champion = [];
    private int _iteration;

    /// <summary>Fills a fresh registry with runs (10 params, 5 metrics, lineage) and model versions.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kiln-registry-bench", Guid.NewGuid().ToString("N"));
        _registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(_directory, "kiln.db")));
        var random = new Random(1);
        var runIds = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            var id = _registry.StartRun(new RunStart(RunKind.Train, $"1.{i}.0", "abc1234"));
            _registry.LogParameters(id, Enumerable.Range(0, 10).ToDictionary(p => $"param_{p}", p => (i * p).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            _registry.LogMetrics(id, Enumerable.Range(0, 5).ToDictionary(m => $"metric_{m}", _ => random.NextDouble()));
            _registry.LogDataset(id, new DatasetLineage("data/01-raw/churn.csv", new string('a', 64), 5000, 12));
            _registry.FinishRun(id, RunStatus.Succeeded);
            runIds.Add(id);
        }

        _model = Path.Combine(_directory, "model.onnx");
        for (var v = 0; v < Versions; v++)
        {
            WriteModel(v);
            _registry.Register(Request(runIds[v * 10]) with
            {
                Decision = new PromotionDecision(v % 3 == 0 ? PromotionOutcome.Champion : PromotionOutcome.Challenger, "bench", "roc_auc", 0.8),
            });
        }

        _labels = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() < 0.3).ToArray();
        _candidate = _labels.Select(l => Math.Clamp((l ? 0.65 : 0.35) + (random.NextDouble() - 0.5), 0, 1)).ToArray();
        _champion = _labels.Select(l => Math.Clamp((l ? 0.6 : 0.4) + (random.NextDouble() - 0.5), 0, 1)).ToArray();
    }

    /// <summary>Removes the temp registry.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The <c>Models</c> listing: every version with aliases, metrics and artifacts.</summary>
    [Benchmark]
    public int ListAllVersions() => _registry.ListVersions().Count;

    /// <summary>The <c>Runs</c> listing: all 1,000 runs with their parameters and metrics.</summary>
    [Benchmark]
    public int ListAllRuns() => _registry.RecentRuns(Runs).Count;

    /// <summary>The default <c>Runs</c> listing: the 20 most recent runs.</summary>
    [Benchmark]
    public int ListRecentRuns() => _registry.RecentRuns(20).Count;

    /// <summary>Resolves the champion and verifies the ~100 KB model's hash.</summary>
    [Benchmark]
    public string ResolveChampionVerified() => _registry.ResolveVerified("models:/churn@champion");

    /// <summary>Gives the next registration a model file with new content (~100 KB), as a retrained model would have.</summary>
    /// <remarks>A counter, not the clock: bytes already registered would make the registration a no-op.</remarks>
    [IterationSetup(Target = nameof(RegisterNewVersion))]
    public void NewModelContent() => WriteModel(Versions + ++_iteration);

    /// <summary>One registration of a new ~100 KB model plus the generated card.</summary>
    [Benchmark]
    public int RegisterNewVersion() => _registry.Register(Request(null)).Version.Version;

    /// <summary>A champion/challenger decision on 2,000 test rows with a 1,000-resample paired bootstrap.</summary>
    [Benchmark]
    public PromotionOutcome DecideWithBootstrap() =>
        new PromotionPolicy(RequireSignificance: true).Decide(
            new PromotionInput(_labels, _candidate, new QualityGateResult([]), _champion)).Outcome;

    private RegistrationRequest Request(string? runId) => new(
        "churn",
        _model,
        new ModelSignature([new TensorSpec("tenure", "float32")], [new TensorSpec("Probability", "float32")]),
        new Dictionary<string, double> { ["roc_auc"] = 0.84, ["log_loss"] = 0.4 },
        new ModelCardFacts("Benchmark."),
        runId);

    private void WriteModel(int seed)
    {
        var bytes = new byte[100 * 1024];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(_model, bytes);
    }
}
