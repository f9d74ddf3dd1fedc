using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Kiln.Registry.Benchmarks;

/// <summary>Seconds-long operations against a server: a few measured iterations, run in-process (a generated project would only add a build that times out on a busy machine).</summary>
internal sealed class S3BenchmarkConfig : ManualConfig
{
    public S3BenchmarkConfig() =>
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(7).WithToolchain(InProcessEmitToolchain.Instance));
}
