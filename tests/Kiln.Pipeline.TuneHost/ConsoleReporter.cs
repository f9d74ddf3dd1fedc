using Kiln.Pipeline;

/// <summary>Writes every stage message to standard output, flushed, so the parent test can follow the worker line by line.</summary>
sealed class ConsoleReporter : IStageReporter
{
    public void Info(string message)
    {
        Console.Out.WriteLine(message);
        Console.Out.Flush();
    }

    public IProgress<double> Progress(string task) => new Progress<double>();
}
