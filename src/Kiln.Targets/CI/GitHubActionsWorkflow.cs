namespace Kiln.Targets.CI;

/// <summary>A GitHub Actions workflow declared in C#, like NUKE's [GitHubActions], rendered to .github/workflows.</summary>
/// <param name="Name">The workflow's name and file name (<c>.github/workflows/&lt;name&gt;.yml</c>).</param>
/// <param name="InvokedTargets">The targets the workflow runs with <c>./build.sh</c>.</param>
public sealed record GitHubActionsWorkflow(string Name, IReadOnlyList<string> InvokedTargets)
{
    /// <summary>Branches whose pushes start the workflow.</summary>
    public IReadOnlyList<string> OnPushBranches { get; init; } = [];

    /// <summary>Tag patterns whose pushes start the workflow.</summary>
    public IReadOnlyList<string> OnPushTags { get; init; } = [];

    /// <summary>Target branches of pull requests that start the workflow.</summary>
    public IReadOnlyList<string> OnPullRequestBranches { get; init; } = [];

    /// <summary>Whether the workflow can be started by hand.</summary>
    public bool OnWorkflowDispatch { get; init; }

    /// <summary>The runner image.</summary>
    public string RunsOn { get; init; } = "ubuntu-latest";

    /// <summary>Whether to fetch the whole git history (GitVersion needs it).</summary>
    public bool FetchFullHistory { get; init; } = true;

    /// <summary>Extra arguments passed to <c>./build.sh</c> after the targets.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables set from repository secrets: variable name to secret name.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Plain environment variables for the build step.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Job time limit in minutes.</summary>
    public int TimeoutMinutes { get; init; } = 60;

    /// <summary>Runs at most one workflow of this name per ref at a time, cancelling older ones when true.</summary>
    public bool CancelInProgress { get; init; }

    /// <summary>Paths (relative to the repository) uploaded as an artifact when the job ends, even after a failure.</summary>
    public IReadOnlyList<string> UploadArtifacts { get; init; } = [];

    /// <summary>The workflow file's path relative to the repository root.</summary>
    public string RelativePath => $".github/workflows/{Name}.yml";
}
