using System.ComponentModel;
using System.Diagnostics;
using Kiln.Targets.Output;

namespace Kiln.Targets;

/// <summary>Runs child processes with their output streamed through the build log (secrets masked).</summary>
public static class ProcessTasks
{
    /// <summary>Runs a tool to completion, streaming each output line to the log; kills the process tree when cancelled.</summary>
    /// <param name="tool">The executable, found on PATH when not a path.</param>
    /// <param name="arguments">The arguments, passed without shell quoting.</param>
    /// <param name="workingDirectory">The working directory; the current one when null.</param>
    /// <param name="environment">Variables added to (or replacing) the inherited environment.</param>
    /// <param name="cancellationToken">Cancels the run: the process tree is killed and <see cref="OperationCanceledException"/> thrown.</param>
    /// <param name="onLine">Called with each raw line as it arrives (standard output and error).</param>
    /// <param name="logOutput">False keeps the command and its lines at debug level (shown with --verbose), for tools whose output is parsed, not read.</param>
    public static async Task<ProcessResult> Run(
        string tool,
        IEnumerable<string> arguments,
        AbsolutePath? workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken,
        Action<string>? onLine = null,
        bool logOutput = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        ArgumentNullException.ThrowIfNull(arguments);
        var console = Log.Console;
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var level = logOutput ? LogLevel.Information : LogLevel.Debug;
        console.Write(level, $"> {tool} {string.Join(' ', start.ArgumentList.Select(Quote))}");
        var output = new List<string>();
        void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line);
            }

            console.Write(level, line);
            onLine?.Invoke(line);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{tool}': {e.Message}. Is it installed and on PATH?", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancellationToken.Register(() => Kill(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, [.. output]);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : $"\"{argument.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
