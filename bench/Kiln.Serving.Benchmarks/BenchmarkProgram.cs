using BenchmarkDotNet.Running;

namespace Kiln.Serving.Benchmarks;

/// <summary>Entry point: <c>make-data DIR</c> writes the load-test model, CSV and bodies; anything else runs BenchmarkDotNet.</summary>
public static class BenchmarkProgram
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">Command-line arguments.</param>
    public static void Main(string[] args)
    {
        if (args is ["make-data", var directory])
        {
            LoadTestData.Write(directory);
            Console.WriteLine($"wrote model.onnx, churn.csv, predict-1.json, predict-100.json to {directory}");
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args);
    }
}
