using Kiln.Targets;

/// <summary>Kiln's lifecycle as typed targets: data, features, model, quality gate, registry, container, deployment.</summary>
partial class Build : KilnBuild
{
    /// <summary>Runs the targets named on the command line; Evaluate when none is named.</summary>
    public static int Main() => Execute<Build>(x => x.Evaluate);

    [Parameter("Only run test classes whose full name matches this pattern (e.g. *Registry*)")]
    readonly string? TestFilter;

    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath DataDirectory => RootDirectory / "data";
    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    Target Clean => _ => _
        .Description("Remove generated outputs (artifacts, derived data, stage lock); never data/01-raw")
        .Executes(() =>
        {
            ArtifactsDirectory.DeleteDirectory();
            foreach (var stage in new[] { "02-preprocessed", "03-features", "04-predictions" })
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(DataDirectory / stage)
                             .Where(e => Path.GetFileName(e) != ".gitkeep"))
                {
                    if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                    else File.Delete(entry);
                }
            }

            File.Delete(RootDirectory / "kiln.lock");
            Log.Information("Removed artifacts/, data/02-preprocessed, data/03-features, data/04-predictions and kiln.lock");
        });

    Target Test => _ => _
        .Description("Run every test project and print the totals")
        .After(Clean)
        .Executes(async cancellationToken =>
        {
            List<string> arguments = ["test", "--solution", RootDirectory / "Solution.sln", "--results-directory", TestResultsDirectory, "--no-progress"];
            if (!string.IsNullOrEmpty(TestFilter))
            {
                arguments.AddRange(["--filter-class", TestFilter]);
            }

            var result = await ProcessTasks.Run("dotnet", arguments, RootDirectory, environment: null, cancellationToken);
            var totals = TestTotals.Parse(result.Output);
            Log.Information(totals.ToString());
            if (result.ExitCode != 0 || totals.Failed > 0 || totals.Total == 0)
            {
                throw new InvalidOperationException(totals.Total == 0
                    ? $"dotnet test ran no test (exit code {result.ExitCode})"
                    : $"{totals.Failed} test(s) failed (dotnet test exit code {result.ExitCode})");
            }
        });
}
