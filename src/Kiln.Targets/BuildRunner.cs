using System.Diagnostics;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Kiln.Naming;
using Kiln.Targets.Engine;
using Kiln.Targets.Output;
using Kiln.Targets.Parameters;
using Kiln.Targets.Reports;
using Kiln.Targets.Text;

namespace Kiln.Targets;

/// <summary>Runs a build class against a host: parses arguments, binds parameters, plans, executes and prints the summary.</summary>
public static class BuildRunner
{
    /// <summary>Runs the build and returns the exit code: 0 success, 1 failure or bad input, 130 aborted.</summary>
    /// <param name="args">The command-line arguments (targets and options).</param>
    /// <param name="host">Output, environment, directories and abort token.</param>
    /// <param name="defaultTargets">The targets run when none is named, e.g. <c>x => x.Test</c>.</param>
    public static int Run<T>(IReadOnlyList<string> args, BuildHost host, params Expression<Func<T, Target>>[] defaultTargets)
        where T : KilnBuild, new()
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var plain = !host.Interactive || KilnBuild.IsSet(host.Environment.GetValueOrDefault("CI"));
        var masker = new SecretMasker();
        var console = plain ? new PlainConsole(host.Output, masker) : CreateInteractive(host, masker);
        console.Verbose = args.Any(a => a.Equals("--verbose", StringComparison.OrdinalIgnoreCase));
        using var route = Log.Use(console);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(host.Abort);
        using var signals = host.HandlesSignals ? new SignalHandler(abort, console) : null;
        try
        {
            return RunAsync(args, host, defaultTargets, console, abort.Token).GetAwaiter().GetResult();
        }
        catch (BuildError e)
        {
            console.Write(LogLevel.Error, e.Message);
            return 1;
        }
        catch (Exception e)
        {
            console.Write(LogLevel.Error, console.Verbose
                ? $"Unexpected error: {e}"
                : $"Unexpected error: {TargetExecutor.Messages(e)} (run with --verbose for the stack trace)");
            return 1;
        }
        finally
        {
            host.Output.Flush();
        }
    }

    // Kept out of Run so plain runs (CI, --help piped) never load Spectre.Console.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static BuildConsole CreateInteractive(BuildHost host, SecretMasker masker) => new SpectreConsole(host.Output, masker, host.Width);

    private static async Task<int> RunAsync<T>(IReadOnlyList<string> args, BuildHost host, Expression<Func<T, Target>>[] defaults, BuildConsole console, CancellationToken cancellationToken)
        where T : KilnBuild, new()
    {
        var build = new T();
        var parameters = ParameterBinder.Discover(typeof(T));
        var initialValues = parameters.ToDictionary(p => p, p => p.GetValue(build));
        var commandLine = CommandLine.Parse(args, parameters);
        console.Verbose = commandLine.Verbose;
        MaskRawSecrets(console.Masker, parameters, commandLine, host.Environment);
        var (root, isKnownRoot) = FindRoot(commandLine.Root, host);
        build.Initialize(root, host.Environment, cancellationToken);
        try
        {
            ParameterBinder.Bind(build, parameters, commandLine, host.Environment, host.WorkingDirectory);
        }
        catch (BuildError) when (commandLine.Help)
        {
            // Help must work even when a parameter file or variable is broken; the real run reports it.
        }

        console.Masker.Add(ParameterBinder.SecretValues(build, parameters));
        var graph = TargetGraph.Create(build);
        var defaultNodes = defaults.Select(d => graph.Find(MemberName(d)) ?? throw new BuildError($"Default target {MemberName(d)} is not a Target property")).ToList();
        if (isKnownRoot)
        {
            UpdateSchema(root, graph, parameters, console);
        }

        if (commandLine.Help)
        {
            console.WriteText(HelpWriter.Render(graph, defaultNodes, parameters, initialValues));
            return 0;
        }

        var requested = commandLine.Targets.Count > 0 ? Resolve(commandLine.Targets, graph) : defaultNodes;
        if (requested.Count == 0)
        {
            throw new BuildError("No target given and the build has no default target. Run with --help to list the targets.");
        }

        build.InvokedTargets = [.. requested.Select(r => r.Name)];
        var plan = ExecutionPlan.Create(requested, commandLine.Skip is null ? null : Resolve(commandLine.Skip, graph));
        if (commandLine.Plan)
        {
            console.WriteText(PlanWriter.Render(plan, parameters, commandLine.Force));
            return 0;
        }

        Requirements.Check(plan, parameters);
        var watch = Stopwatch.StartNew();
        var outcomes = await new TargetExecutor(console, commandLine.Force, commandLine.Verbose, cancellationToken).RunAsync(plan).ConfigureAwait(false);
        var aborted = cancellationToken.IsCancellationRequested;
        var failed = outcomes.Where(o => o.Status == TargetStatus.Failed).Select(o => o.Name).ToList();
        var verdict = aborted ? "Build aborted"
            : failed.Count > 0 ? $"Build failed: {string.Join(", ", failed)}"
            : "Build succeeded";
        console.Summary(outcomes, watch.Elapsed, $"{verdict} in {BuildConsole.Duration(watch.Elapsed)}", !aborted && failed.Count == 0);
        return aborted ? 130 : failed.Count > 0 ? 1 : 0;
    }

    private static List<TargetNode> Resolve(IEnumerable<string> names, TargetGraph graph)
    {
        var nodes = new List<TargetNode>();
        foreach (var name in names)
        {
            var node = graph.Find(name) ?? throw new BuildError(
                $"Unknown target '{name}'.{Suggestions.DidYouMean(name, graph.Targets.Where(t => !t.Definition.IsUnlisted).Select(t => t.Name))} Run with --help to list the targets.");
            if (!nodes.Contains(node))
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }

    private static string MemberName<T>(Expression<Func<T, Target>> expression) =>
        expression.Body is MemberExpression member ? member.Member.Name : throw new BuildError($"Default target `{expression}` must name a Target property, e.g. x => x.Test");

    private static void MaskRawSecrets(SecretMasker masker, IReadOnlyList<ParameterMember> parameters, CommandLine commandLine, IReadOnlyDictionary<string, string> environment)
    {
        // Mask what the user typed even if it never converts, so a conversion error cannot echo it.
        foreach (var parameter in parameters.Where(p => p.IsSecret))
        {
            if (commandLine.Values.TryGetValue(parameter, out var values))
            {
                masker.Add(values);
            }

            foreach (var variable in new[] { parameter.MemberName, parameter.EnvironmentName })
            {
                if (environment.TryGetValue(variable, out var value))
                {
                    masker.Add([value]);
                }
            }
        }
    }

    private static (AbsolutePath Root, bool IsKnown) FindRoot(string? explicitRoot, BuildHost host)
    {
        if (explicitRoot is not null)
        {
            var given = AbsolutePath.Resolve(explicitRoot, host.WorkingDirectory);
            return Directory.Exists(given) ? (given, true) : throw new BuildError($"--root {explicitRoot}: directory {given} does not exist");
        }

        if (host.RootDirectory is not null)
        {
            return (AbsolutePath.Resolve(host.RootDirectory, host.WorkingDirectory), true);
        }

        // build.sh runs the program from .nuke/temp/bin, so the root is also found from there when invoked from elsewhere.
        foreach (var start in host.SearchFromProgramDirectory ? [host.WorkingDirectory, AppContext.BaseDirectory] : new[] { host.WorkingDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")) ||
                    directory.EnumerateFiles("*.sln").Any() || directory.EnumerateFiles("*.slnx").Any())
                {
                    return (AbsolutePath.Create(directory.FullName), true);
                }
            }
        }

        return (AbsolutePath.Create(Path.GetFullPath(host.WorkingDirectory)), false);
    }

    private static void UpdateSchema(AbsolutePath root, TargetGraph graph, IReadOnlyList<ParameterMember> parameters, BuildConsole console)
    {
        try
        {
            SchemaWriter.WriteIfChanged(root / ".nuke" / "build.schema.json", SchemaWriter.Render(graph, parameters));
        }
        catch (IOException e)
        {
            console.Write(LogLevel.Warning, $"Could not update .nuke/build.schema.json: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            console.Write(LogLevel.Warning, $"Could not update .nuke/build.schema.json: {e.Message}");
        }
    }
}
