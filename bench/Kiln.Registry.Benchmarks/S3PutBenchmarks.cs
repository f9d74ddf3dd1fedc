using BenchmarkDotNet.Attributes;
using Kiln.Registry.Artifacts;

namespace Kiln.Registry.Benchmarks;

/// <summary>Uploading 100 MB to the s3:// artifact store: staged and hashed in the cache, sent in 8 MiB parts with Content-MD5, then checked with a HEAD.</summary>
[Config(typeof(S3BenchmarkConfig))]
[MemoryDiagnoser]
public class S3PutBenchmarks
{
    private S3BenchmarkStore _bench = null!;
    private string _file = string.Empty;
    private int _iteration;

    /// <summary>Writes the 100 MB file.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bench = new S3BenchmarkStore();
        _file = _bench.RandomFile(100_000_000);
    }

    /// <summary>Changes the first bytes, so every upload is new content and nothing is deduplicated.</summary>
    [IterationSetup]
    public void ChangeContent()
    {
        using var file = new FileStream(_file, FileMode.Open, FileAccess.Write);
        file.Write(BitConverter.GetBytes(++_iteration));
    }

    /// <summary>Uploads 100 MB.</summary>
    [Benchmark]
    public long Put100MB() => _bench.Store.Put(_file).SizeBytes;

    /// <summary>Deletes what the benchmark stored.</summary>
    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();
}
