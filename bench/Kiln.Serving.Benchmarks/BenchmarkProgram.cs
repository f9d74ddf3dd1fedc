using BenchmarkDotNet.Running;

namespace Kiln.Serving.Benchmarks;

/// <summary>Entry point: runs BenchmarkDotNet (e.g. <c>--filter '*'</c>).</summary>
public static class BenchmarkProgram
{
    /// <summary>Runs the benchmarks selected by the arguments.</summary>
    /// <param name="args">BenchmarkDotNet arguments.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args);
}
