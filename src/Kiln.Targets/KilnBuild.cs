using System.Linq.Expressions;

namespace Kiln.Targets;

/// <summary>The base class of a build: derive, declare <see cref="Target"/> properties and [Parameter] members, and call <see cref="Execute{T}"/> from Main.</summary>
public abstract class KilnBuild
{
    private static readonly string[] ServerVariables = ["CI", "GITHUB_ACTIONS", "TF_BUILD", "GITLAB_CI", "JENKINS_URL", "TEAMCITY_VERSION", "BUILDKITE"];

    private AbsolutePath? _rootDirectory;

    /// <summary>The directory holding Solution.sln or .nuke/ (or the one given with <c>--root</c>).</summary>
    public AbsolutePath RootDirectory => _rootDirectory ?? throw new InvalidOperationException("RootDirectory is known once the build runs");

    /// <summary>Scratch space for the build: <c>.nuke/temp</c> under the root.</summary>
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>True when running on a CI server (CI, GITHUB_ACTIONS, TF_BUILD, ... set).</summary>
    public bool IsServerBuild { get; private set; }

    /// <summary>True when running on a developer's machine.</summary>
    public bool IsLocalBuild => !IsServerBuild;

    /// <summary>Fires when the build is aborted (Ctrl-C, SIGTERM); pass it to long work.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>The targets requested on the command line (or the defaults), by name.</summary>
    public IReadOnlyList<string> InvokedTargets { get; internal set; } = [];

    /// <summary>Runs the build in this process with the command-line arguments and returns the exit code (0 success, 1 failure, 130 aborted).</summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets)
        where T : KilnBuild, new() =>
        BuildRunner.Run([.. System.Environment.GetCommandLineArgs().Skip(1)], BuildHost.FromProcess(), defaultTargets);

    internal void Initialize(AbsolutePath root, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        _rootDirectory = root;
        IsServerBuild = ServerVariables.Any(v => environment.TryGetValue(v, out var value) && IsSet(value));
        CancellationToken = cancellationToken;
    }

    internal static bool IsSet(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";
}
