namespace Kiln.Pipeline;

/// <summary>Where stages report what they are doing; the build adapts it to the console.</summary>
public interface IStageReporter
{
    /// <summary>Reports a one-line message such as "read 30,000 rows".</summary>
    /// <param name="message">The message to show.</param>
    void Info(string message);

    /// <summary>Starts a task with measurable progress and returns where to report its fraction done (0..1).</summary>
    /// <param name="task">A short task name, e.g. "training LightGbm".</param>
    IProgress<double> Progress(string task);
}
