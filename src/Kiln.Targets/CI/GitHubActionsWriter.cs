using System.Text;

namespace Kiln.Targets.CI;

/// <summary>Renders <see cref="GitHubActionsWorkflow"/> declarations to YAML and keeps the committed files in step.</summary>
public static class GitHubActionsWriter
{
    private const string Header = "# Generated from build/Build.CI.cs by `./build.sh Workflows` — edit the declaration, not this file.";

    /// <summary>Renders one workflow as GitHub Actions YAML.</summary>
    public static string Render(GitHubActionsWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var yaml = new StringBuilder();
        yaml.AppendLine(Header).AppendLine($"name: {workflow.Name}").AppendLine();
        AppendTriggers(yaml, workflow);
        if (workflow.CancelInProgress)
        {
            yaml.AppendLine("concurrency:")
                .AppendLine("  group: ${{ github.workflow }}-${{ github.ref }}")
                .AppendLine("  cancel-in-progress: true").AppendLine();
        }

        yaml.AppendLine("jobs:")
            .AppendLine($"  {JobId(workflow.Name)}:")
            .AppendLine($"    name: {string.Join(' ', workflow.InvokedTargets)}")
            .AppendLine($"    runs-on: {workflow.RunsOn}")
            .AppendLine($"    timeout-minutes: {workflow.TimeoutMinutes}")
            .AppendLine("    steps:")
            .AppendLine("      - uses: actions/checkout@v4");
        if (workflow.FetchFullHistory)
        {
            yaml.AppendLine("        with:").AppendLine("          fetch-depth: 0");
        }

        yaml.AppendLine("      - uses: actions/setup-dotnet@v4")
            .AppendLine("        with:")
            .AppendLine("          global-json-file: global.json")
            .AppendLine($"      - name: Run {string.Join(", ", workflow.InvokedTargets)}")
            .AppendLine($"        run: ./build.sh {string.Join(' ', workflow.InvokedTargets.Concat(workflow.Arguments))}");
        var environment = workflow.Environment.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, Value: Quote(e.Value)))
            .Concat(workflow.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => (s.Key, Value: $"${{{{ secrets.{s.Value} }}}}")))
            .ToList();
        if (environment.Count > 0)
        {
            yaml.AppendLine("        env:");
            foreach (var (key, value) in environment)
            {
                yaml.AppendLine($"          {key}: {value}");
            }
        }

        if (workflow.UploadArtifacts.Count > 0)
        {
            yaml.AppendLine("      - uses: actions/upload-artifact@v4")
                .AppendLine("        if: always()")
                .AppendLine("        with:")
                .AppendLine($"          name: {workflow.Name}-outputs")
                .AppendLine("          if-no-files-found: ignore")
                .AppendLine("          path: |");
            foreach (var path in workflow.UploadArtifacts)
            {
                yaml.AppendLine($"            {path}");
            }
        }

        return yaml.ToString();
    }

    /// <summary>Lists the workflows whose committed file is missing or differs from its rendering.</summary>
    public static IReadOnlyList<string> FindStale(string rootDirectory, IEnumerable<GitHubActionsWorkflow> workflows) =>
        [.. workflows.Where(w => !File.Exists(PathOf(rootDirectory, w)) || File.ReadAllText(PathOf(rootDirectory, w)) != Render(w))
            .Select(w => w.RelativePath)];

    /// <summary>Writes every workflow whose file differs from its rendering (atomically) and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string rootDirectory, IEnumerable<GitHubActionsWorkflow> workflows)
    {
        var stale = FindStale(rootDirectory, workflows.ToList());
        foreach (var workflow in workflows.Where(w => stale.Contains(w.RelativePath)))
        {
            var path = PathOf(rootDirectory, workflow);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, Render(workflow));
            File.Move(temporary, path, overwrite: true);
        }

        return stale;
    }

    private static void AppendTriggers(StringBuilder yaml, GitHubActionsWorkflow workflow)
    {
        yaml.AppendLine("on:");
        if (workflow.OnPushBranches.Count > 0 || workflow.OnPushTags.Count > 0)
        {
            yaml.AppendLine("  push:");
            AppendList(yaml, "branches", workflow.OnPushBranches);
            AppendList(yaml, "tags", workflow.OnPushTags);
        }

        if (workflow.OnPullRequestBranches.Count > 0)
        {
            yaml.AppendLine("  pull_request:");
            AppendList(yaml, "branches", workflow.OnPullRequestBranches);
        }

        if (workflow.OnWorkflowDispatch)
        {
            yaml.AppendLine("  workflow_dispatch:");
        }

        yaml.AppendLine();
    }

    private static void AppendList(StringBuilder yaml, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        yaml.AppendLine($"    {key}:");
        foreach (var value in values)
        {
            yaml.AppendLine($"      - {Quote(value)}");
        }
    }

    // YAML treats '*', ':' and friends specially; quoting every scalar we did not write ourselves keeps it literal.
    private static string Quote(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string JobId(string name) => new([.. name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')]);

    private static string PathOf(string rootDirectory, GitHubActionsWorkflow workflow) =>
        Path.Combine(rootDirectory, workflow.RelativePath);
}
