using System.Runtime.InteropServices;
using Kiln.Targets.Output;

namespace Kiln.Targets.Engine;

/// <summary>Turns the first Ctrl-C or SIGTERM into a cancellation of the running target; a second Ctrl-C exits at once.</summary>
internal sealed class SignalHandler : IDisposable
{
    private readonly CancellationTokenSource _abort;
    private readonly BuildConsole _console;
    private readonly PosixSignalRegistration? _terminate;

    public SignalHandler(CancellationTokenSource abort, BuildConsole console)
    {
        _abort = abort;
        _console = console;
        Console.CancelKeyPress += OnCancelKeyPress;
        _terminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Abort("SIGTERM");
        });
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate?.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_abort.IsCancellationRequested)
        {
            // Second Ctrl-C: the user does not want to wait for the running target to notice.
            Environment.Exit(130);
        }

        e.Cancel = true;
        Abort("Ctrl-C");
    }

    private void Abort(string signal)
    {
        _console.Write(LogLevel.Warning, $"{signal}: aborting the running target (press Ctrl-C again to exit at once)");
        _abort.Cancel();
    }
}
