using System.Linq.Expressions;

namespace Kiln.Targets.Tests;

/// <summary>A temporary root directory, environment and captured output for running a test build in-process.</summary>
internal sealed class TestHost : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("kiln-targets-").FullName;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public bool Interactive { get; set; }

    public CancellationTokenSource Abort { get; } = new();

    public string Output { get; private set; } = string.Empty;

    /// <summary>The targets that ran, in order, as logged by the test builds ("ran:Name").</summary>
    public IReadOnlyList<string> Ran => [.. Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("ran:", StringComparison.Ordinal)).Select(l => l[4..])];

    public int Run<T>(params string[] args)
        where T : KilnBuild, new() => RunWithDefaults<T>(args);

    public int RunWithDefaults<T>(string[] args, params Expression<Func<T, Target>>[] defaults)
        where T : KilnBuild, new()
    {
        using var writer = new StringWriter();
        var host = new BuildHost(writer, Environment, Root)
        {
            RootDirectory = Root,
            Interactive = Interactive,
            Width = 120,
            Abort = Abort.Token,
        };
        var exitCode = BuildRunner.Run(args, host, defaults);
        Output = writer.ToString();
        return exitCode;
    }

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Abort.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
