using Kiln.Targets;
using Kiln.Targets.CI;
using Kiln.Targets.Testing;

/// <summary>Continuous integration: the test suite, and the GitHub Actions workflows declared here and generated into .github/workflows.</summary>
partial class Build
{
    [Parameter("Only run test classes whose full name matches this pattern (e.g. *Registry*)")]
    readonly string? TestFilter;

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

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
                // The shared stores Register and Deploy use (--registry-store, --registry-artifacts, --registry-store-password), and the S3 credentials
                // (AWS_ENDPOINT_URL_S3 only for MinIO and other S3-compatible servers); empty secrets keep config/prod.yaml's stores.
                ["REGISTRY_STORE"] = "KILN_REGISTRY_STORE",
                ["REGISTRY_ARTIFACTS"] = "KILN_REGISTRY_ARTIFACTS",
                ["REGISTRY_STORE_PASSWORD"] = "KILN_REGISTRY_STORE_PASSWORD",
                ["AWS_ACCESS_KEY_ID"] = "AWS_ACCESS_KEY_ID",
                ["AWS_SECRET_ACCESS_KEY"] = "AWS_SECRET_ACCESS_KEY",
                ["AWS_REGION"] = "AWS_REGION",
                ["AWS_ENDPOINT_URL_S3"] = "AWS_ENDPOINT_URL_S3",
            },
            UploadArtifacts = ["artifacts/evaluation", "artifacts/registry/*.md"],
        },
    ];

    Target Test => _ => _
        .Description("Run every test project and print the totals")
        .After(Clean)
        .Executes(async cancellationToken =>
        {
            // The totals count this run's result files only.
            TestResultsDirectory.DeleteDirectory();
            List<string> arguments = ["test", "--solution", RootDirectory / "Solution.sln", "--results-directory", TestResultsDirectory, "--no-progress", "--report-xunit-trx"];
            if (!string.IsNullOrEmpty(TestFilter))
            {
                // A project with no matching class exits 8 ("zero tests ran"); the totals still fail the run when no project ran one.
                arguments.AddRange(["--filter-class", TestFilter, "--ignore-exit-code", "8"]);
            }

            var result = await ProcessTasks.Run("dotnet", arguments, RootDirectory, environment: null, cancellationToken);
            var totals = TestTotals.FromTrxFiles(TestResultsDirectory);
            Log.Information(totals.ToString());
            if (result.ExitCode != 0 || totals.Failed > 0 || totals.Total == 0)
            {
                throw new InvalidOperationException(totals.Total == 0
                    ? $"dotnet test ran no test (exit code {result.ExitCode})"
                    : $"{totals.Failed} test(s) failed (dotnet test exit code {result.ExitCode})");
            }
        });

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
