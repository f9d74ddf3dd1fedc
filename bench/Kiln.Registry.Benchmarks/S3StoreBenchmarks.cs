using BenchmarkDotNet.Attributes;
using Kiln.Registry.Artifacts;

namespace Kiln.Registry.Benchmarks;

/// <summary>What a machine pays to fetch from the s3:// artifact store (the S3 server .ci/s3.sh starts, KILN_TEST_S3_ENDPOINT): cold (empty cache: download, hash, publish) and warm (hash the cached copy).</summary>
[Config(typeof(S3BenchmarkConfig))]
[MemoryDiagnoser]
public class S3StoreBenchmarks
{
    private S3BenchmarkStore _bench = null!;
    private string _sha256 = string.Empty;

    /// <summary>KILN_BENCH_DATASET (the shipped churn.csv, 2.3 MB), KILN_BENCH_MODEL (the churn model.onnx, 225 kB), or 100 MB of random bytes (fetched in one GET).</summary>
    [Params("dataset", "model", "100MB")]
    public string Artifact { get; set; } = "dataset";

    /// <summary>Uploads the artifact once, so each cold fetch is a real download.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bench = new S3BenchmarkStore();
        var file = Artifact switch
        {
            "dataset" => S3BenchmarkStore.Required("KILN_BENCH_DATASET", "data/01-raw/churn.csv"),
            "model" => S3BenchmarkStore.Required("KILN_BENCH_MODEL", "artifacts/model/model.onnx after ./build.sh Train"),
            _ => _bench.RandomFile(100_000_000),
        };
        _sha256 = _bench.Store.Put(file).Sha256;
    }

    /// <summary>Empties the cache before a cold fetch, as on a fresh machine.</summary>
    [IterationSetup(Target = nameof(FetchCold))]
    public void EmptyCache() => File.Delete(_bench.Store.LocalPath(_sha256));

    /// <summary>A fresh machine: download, hash and publish into the cache.</summary>
    [Benchmark]
    public string FetchCold() => _bench.Store.Fetch(_sha256);

    /// <summary>A machine that fetched it before: hash the cached copy only.</summary>
    [Benchmark]
    public string FetchWarm() => _bench.Store.Fetch(_sha256);

    /// <summary>Deletes what the benchmark stored.</summary>
    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();
}
