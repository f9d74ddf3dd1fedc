using Kiln.Targets;
using Kiln.Targets.CI;

/// <summary>Continuous integration: the GitHub Actions workflows, declared here and generated into .github/workflows.</summary>
partial class Build
{
    /// <summary>The workflows this repository runs on GitHub Actions.</summary>
    public static IReadOnlyList<GitHubActionsWorkflow> GitHubWorkflows { get; } =
    [
        new("ci", InvokedTargets: ["Test"])
        {
            OnPushBranches = ["main"],
            OnPullRequestBranches = ["main"],
            CancelInProgress = true,
            TimeoutMinutes = 45,
            Environment = new Dictionary<string, string> { ["CI"] = "true" },
            UploadArtifacts = ["artifacts/test-results"],
        },
        new("deploy", InvokedTargets: ["Deploy"])
        {
            OnPushBranches = ["main"],
            OnPushTags = ["v*"],
            OnWorkflowDispatch = true,
            Arguments = ["--env", "prod"],
            TimeoutMinutes = 60,
            Environment = new Dictionary<string, string> { ["CI"] = "true" },
            Secrets = new Dictionary<string, string>
            {
                ["DEPLOY_REGISTRY"] = "DEPLOY_REGISTRY",
                ["REGISTRY_USERNAME"] = "REGISTRY_USERNAME",
                ["REGISTRY_PASSWORD"] = "REGISTRY_PASSWORD",
                ["DOCKER_HOST"] = "DEPLOY_DOCKER_HOST",
            },
            UploadArtifacts = ["artifacts/evaluation", "artifacts/registry/*.md"],
        },
    ];

    Target Workflows => _ => _
        .Description("Regenerate .github/workflows from the declarations in build/Build.CI.cs")
        .Executes(() =>
        {
            var written = GitHubActionsWriter.Write(RootDirectory, GitHubWorkflows);
            Log.Information(written.Count == 0
                ? "Workflows are up to date"
                : $"Wrote {string.Join(", ", written)}");
        });
}
