namespace Kiln.Pipeline;

/// <summary>A reporter that discards everything, for callers that do not show progress.</summary>
public sealed class NullStageReporter : IStageReporter
{
    /// <summary>The shared instance.</summary>
    public static NullStageReporter Instance { get; } = new();

    /// <inheritdoc />
    public void Info(string message)
    {
    }

    /// <inheritdoc />
    public IProgress<double> Progress(string task) => new Progress<double>();
}
