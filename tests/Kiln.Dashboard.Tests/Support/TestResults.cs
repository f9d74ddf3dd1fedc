using Kiln.Testing;
namespace Kiln.Dashboard.Tests.Support;

/// <summary>Where test artifacts (screenshots) go: the runner's --results-directory, else artifacts/test-results under the repository.</summary>
internal static class TestResults
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var arguments = Environment.GetCommandLineArgs();
        var index = Array.IndexOf(arguments, "--results-directory");
        if (index >= 0 && index + 1 < arguments.Length)
        {
            return Path.GetFullPath(arguments[index + 1]);
        }

        return Path.Combine(RepositoryRoot.Path, "artifacts", "test-results");
    }
}
