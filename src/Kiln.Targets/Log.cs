using Kiln.Targets.Output;
using Kiln.Targets.Text;

namespace Kiln.Targets;

/// <summary>Logging for build code and adapters; lines go to the running build's console with secrets masked.</summary>
public static class Log
{
    private static readonly AsyncLocal<BuildConsole?> CurrentConsole = new();
    private static BuildConsole? _fallback;

    internal static BuildConsole Console => CurrentConsole.Value ?? (_fallback ??= new PlainConsole(System.Console.Out, new SecretMasker()));

    /// <summary>Writes an informational line.</summary>
    public static void Information(string message) => Console.Write(LogLevel.Information, message);

    /// <summary>Writes a line shown only with <c>--verbose</c>.</summary>
    public static void Debug(string message) => Console.Write(LogLevel.Debug, message);

    /// <summary>Writes a warning line.</summary>
    public static void Warning(string message) => Console.Write(LogLevel.Warning, message);

    /// <summary>Writes an error line (it does not fail the target; throw for that).</summary>
    public static void Error(string message) => Console.Write(LogLevel.Error, message);

    /// <summary>Writes a table: a bordered one at a terminal, aligned columns in plain output.</summary>
    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) => Console.Table(headers, rows);

    /// <summary>Starts reporting progress of long work; dispose the handle when the work ends.</summary>
    public static ProgressHandle Progress(string task) => Console.Progress(task);

    /// <summary>Routes <see cref="Log"/> to a console for the current asynchronous flow until disposed.</summary>
    internal static IDisposable Use(BuildConsole console)
    {
        var previous = CurrentConsole.Value;
        CurrentConsole.Value = console;
        return new Restore(() => CurrentConsole.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
