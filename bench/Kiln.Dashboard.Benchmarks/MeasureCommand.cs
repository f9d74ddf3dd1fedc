namespace Kiln.Dashboard.Benchmarks;

/// <summary>Placeholder until the measurements are written.</summary>
public static class MeasureCommand
{
    /// <summary>Measures.</summary>
    public static Task<int> RunAsync(Kiln.Registry.ModelRegistry registry, string database, int port, int rounds, TextWriter log) => Task.FromResult(0);
}
