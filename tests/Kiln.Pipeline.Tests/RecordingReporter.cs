namespace Kiln.Pipeline.Tests;

/// <summary>Keeps every line a stage reports, so tests can read what a user would see on the console.</summary>
public sealed class RecordingReporter : IStageReporter
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Info(string message)
    {
        lock (_lines)
        {
            _lines.Add(message);
        }
    }

    public IProgress<double> Progress(string task) => new Progress<double>();
}
