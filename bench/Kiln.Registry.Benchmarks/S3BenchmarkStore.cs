using Amazon.Runtime;
using Kiln.Registry.Artifacts;

namespace Kiln.Registry.Benchmarks;

/// <summary>An s3:// artifact store under a fresh prefix of the benchmark server's bucket, with its own cache; disposing deletes both.</summary>
internal sealed class S3BenchmarkStore : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kiln-s3-bench", Guid.NewGuid().ToString("N"));

    public S3BenchmarkStore()
    {
        var endpoint = Required("KILN_TEST_S3_ENDPOINT", "the S3 server: run eval \"$(bash .ci/s3.sh)\" first");
        var bucket = Environment.GetEnvironmentVariable("KILN_TEST_S3_BUCKET") ?? "kiln-test";
        Directory.CreateDirectory(_directory);
        Store = new S3ArtifactStore(new S3Location(bucket, $"bench/{Guid.NewGuid():N}"), Path.Combine(_directory, "cache"),
            new S3Settings(endpoint, new BasicAWSCredentials("S3RVER", "S3RVER"), "us-east-1"));
    }

    public S3ArtifactStore Store { get; }

    public static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{variable} must name {what}.");

    public string RandomFile(int size)
    {
        var bytes = new byte[size];
        new Random(1).NextBytes(bytes);
        var path = Path.Combine(_directory, "random.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        Store.CollectGarbage(new HashSet<string>(), TimeSpan.Zero);
        Store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
