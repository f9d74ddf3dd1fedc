namespace Kiln.Pipeline.Tests.Tuning;

/// <summary>Cancels a token the first time a message containing <paramref name="trigger"/> is reported, as Ctrl-C at that moment would.</summary>
public sealed class CancellingReporter(CancellationTokenSource cancel, string trigger) : IStageReporter
{
    public void Info(string message)
    {
        if (message.Contains(trigger, StringComparison.Ordinal))
        {
            cancel.Cancel();
        }
    }

    public IProgress<double> Progress(string task) => new Progress<double>();
}
