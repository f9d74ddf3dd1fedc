using System.Diagnostics;
using Kiln.Targets.Output;

namespace Kiln.Targets;

/// <summary>Progress of one piece of long work: a live bar at a terminal, occasional percentage lines in plain output. Dispose when done.</summary>
public sealed class ProgressHandle : IProgress<double>, IDisposable
{
    private readonly BuildConsole _console;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private bool _disposed;

    internal ProgressHandle(BuildConsole console, string task)
    {
        _console = console;
        Task = task;
        _console.ReportProgress(this, 0);
    }

    /// <summary>What is being done, as shown next to the bar.</summary>
    public string Task { get; }

    /// <summary>The last reported fraction, between 0 and 1.</summary>
    public double Fraction { get; private set; }

    /// <summary>How long the work has been running.</summary>
    public TimeSpan Elapsed => _elapsed.Elapsed;

    /// <summary>Reports the fraction done, between 0 and 1 (values outside are clamped).</summary>
    public void Report(double value)
    {
        if (_disposed)
        {
            return;
        }

        Fraction = double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);
        _console.ReportProgress(this, Fraction);
    }

    /// <summary>Reports progress as a count of items done out of a total.</summary>
    public void Report(long done, long total) => Report(total <= 0 ? 1 : (double)done / total);

    /// <summary>Marks the work as finished.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _elapsed.Stop();
        _console.ReportProgress(this, null);
    }
}
