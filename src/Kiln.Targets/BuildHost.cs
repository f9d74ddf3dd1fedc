using System.Collections;

namespace Kiln.Targets;

/// <summary>What a build runs against: the output writer, the environment and the working directory (tests pass their own).</summary>
/// <param name="Output">Where everything is printed.</param>
/// <param name="Environment">The environment variables parameters are read from.</param>
/// <param name="WorkingDirectory">The directory the root is searched upward from and relative command-line paths are resolved against.</param>
public sealed record BuildHost(TextWriter Output, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
{
    /// <summary>The root directory; null searches upward from <see cref="WorkingDirectory"/> for Solution.sln or .nuke/.</summary>
    public string? RootDirectory { get; init; }

    /// <summary>True for a person at a terminal (colours, live bars); plain text otherwise or whenever CI=true.</summary>
    public bool Interactive { get; init; }

    /// <summary>A fixed console width for interactive output; null lets the terminal decide.</summary>
    public int? Width { get; init; }

    /// <summary>Cancelling this token aborts the build like Ctrl-C does.</summary>
    public CancellationToken Abort { get; init; }

    /// <summary>Whether Ctrl-C and SIGTERM abort the build (only for the real process).</summary>
    public bool HandlesSignals { get; init; }

    /// <summary>Whether the root is also searched upward from the program's own directory (build.sh compiles into .nuke/temp/bin under the root).</summary>
    public bool SearchFromProgramDirectory { get; init; }

    /// <summary>The host of the current process: console, real environment, current directory, Ctrl-C handling.</summary>
    public static BuildHost FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        var terminal = !Console.IsOutputRedirected && environment.GetValueOrDefault("TERM") != "dumb";
        return new BuildHost(Console.Out, environment, Directory.GetCurrentDirectory())
        {
            Interactive = terminal,
            HandlesSignals = true,
            SearchFromProgramDirectory = true,
        };
    }
}
