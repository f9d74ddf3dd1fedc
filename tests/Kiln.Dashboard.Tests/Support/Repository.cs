namespace Kiln.Dashboard.Tests.Support;

/// <summary>The repository the tests were built from (the directory holding Solution.sln).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Solution.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Solution.sln not found above {AppContext.BaseDirectory}");
    }
}
