using BenchmarkDotNet.Attributes;

namespace Kiln.Targets.Benchmarks;

/// <summary>Engine overhead: a whole in-process run of a 100-target chain versus a single target; divide the difference by 99 for the cost per target.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly string _root = Directory.CreateTempSubdirectory("kiln-bench-").FullName;

    /// <summary>Runs all 100 targets of the chain (help output excluded; summary printed to a null writer).</summary>
    [Benchmark]
    public int HundredEmptyTargets() => Run("T100");

    /// <summary>Runs the first target only: the fixed cost of a run (parameters, graph, schema check, summary).</summary>
    [Benchmark(Baseline = true)]
    public int OneEmptyTarget() => Run("T001");

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    private int Run(string target) =>
        BuildRunner.Run<ChainBuild>([target], new BuildHost(TextWriter.Null, new Dictionary<string, string>(), _root) { RootDirectory = _root });
}
