using Kiln.Pipeline;
using Kiln.Targets;

/// <summary>Shows a stage's messages and progress on the build console; bars close when the target ends.</summary>
sealed class ConsoleStageReporter : IStageReporter, IDisposable
{
    private readonly List<ProgressHandle> _open = [];

    public void Info(string message) => Log.Information(message);

    public IProgress<double> Progress(string task)
    {
        var handle = Log.Progress(task);
        _open.Add(handle);
        return handle;
    }

    public void Dispose()
    {
        foreach (var handle in _open)
        {
            handle.Dispose();
        }

        _open.Clear();
    }
}
