using BenchmarkDotNet.Attributes;
using Kiln.Inference;
using Kiln.Pipeline.Onnx;
using Kiln.Pipeline.Schema;

/// <summary>Batch scoring of the shipped dataset: CSV reading + validation + ONNX scoring, against ONNX scoring of rows already in memory.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class ScoringBenchmarks
{
    /// <summary>The environment variable holding the repository root with a trained model.</summary>
    public const string RootVariable = "KILN_BENCH_ROOT";

    private FeatureSchema _schema = null!;
    private OnnxModel _model = null!;
    private List<ValidatedRow> _rows = null!;
    private string _csv = null!;

    /// <summary>Loads the model and the rows once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = Environment.GetEnvironmentVariable(RootVariable) ?? throw new InvalidOperationException(RootVariable + " is not set");
        _csv = Path.Combine(root, "data", "01-raw", "churn.csv");
        _schema = FeatureSchema.Load(Path.Combine(root, "data", "03-features", "features.json"));
        _model = OnnxModel.Load(Path.Combine(root, "artifacts", "model", "model.onnx"));
        _rows = [.. ValidatingReader.Read(_csv, "churn.csv", _schema, false, null, null, new ValidationCounts(_schema))];
    }

    /// <summary>Releases the ONNX session.</summary>
    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    /// <summary>Reads, validates and scores the whole CSV (what Predict does, minus writing).</summary>
    [Benchmark(Baseline = true)]
    public int ReadValidateAndScore() =>
        OnnxScoring.Score(_model, _schema, ValidatingReader.Read(_csv, "churn.csv", _schema, false, null, null, new ValidationCounts(_schema))).Count();

    /// <summary>Scores rows already parsed: the raw Kiln.Inference cost.</summary>
    [Benchmark]
    public int ScoreParsedRows() => OnnxScoring.Score(_model, _schema, _rows).Count();

    /// <summary>Reads and validates only, to show the CSV share of the cost.</summary>
    [Benchmark]
    public int ReadAndValidate() => ValidatingReader.Read(_csv, "churn.csv", _schema, false, null, null, new ValidationCounts(_schema)).Count();
}
