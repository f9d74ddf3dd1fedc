using Kiln.Targets.CI;
using Kiln.Testing;

namespace Kiln.Build.Tests;

public class WorkflowTests
{
    [Fact]
    public void CommittedWorkflowsMatchTheirDeclarationInBuildCi()
    {
        var stale = GitHubActionsWriter.FindStale(RepositoryRoot.Path, global::Build.GitHubWorkflows);

        Assert.True(stale.Count == 0,
            $"{string.Join(", ", stale)} differ from build/Build.CI.cs; run ./build.sh Workflows and commit the result");
    }

    [Fact]
    public void CiWorkflowRunsTheTestsOnPushesAndPullRequests()
    {
        var ci = Assert.Single(global::Build.GitHubWorkflows, w => w.Name == "ci");
        var yaml = GitHubActionsWriter.Render(ci);

        Assert.Contains("run: ./build.sh Test", yaml, StringComparison.Ordinal);
        Assert.Contains("pull_request:", yaml, StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployWorkflowTakesRegistryCredentialsFromSecretsOnly()
    {
        var deploy = Assert.Single(global::Build.GitHubWorkflows, w => w.Name == "deploy");
        var yaml = GitHubActionsWriter.Render(deploy);

        Assert.Contains("REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}", yaml, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_STORE: ${{ secrets.KILN_REGISTRY_STORE }}", yaml, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_ARTIFACTS: ${{ secrets.KILN_REGISTRY_ARTIFACTS }}", yaml, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_STORE_PASSWORD: ${{ secrets.KILN_REGISTRY_STORE_PASSWORD }}", yaml, StringComparison.Ordinal);
        Assert.Contains("AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}", yaml, StringComparison.Ordinal);
        Assert.Contains("- 'v*'", yaml, StringComparison.Ordinal);
        Assert.Contains("run: ./build.sh Deploy", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedWorkflowFileIsReportedStale()
    {
        var directory = Directory.CreateTempSubdirectory("kiln-workflows-");
        try
        {
            GitHubActionsWriter.Write(directory.FullName, global::Build.GitHubWorkflows);
            var ci = Path.Combine(directory.FullName, ".github", "workflows", "ci.yml");
            File.AppendAllText(ci, "# hand edit\n");

            Assert.Equal([".github/workflows/ci.yml"], GitHubActionsWriter.FindStale(directory.FullName, global::Build.GitHubWorkflows));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
