namespace Kiln.Containers.Tests.Fixtures;

/// <summary>Finds the repository root (the directory holding Solution.sln) from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Solution.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Solution.sln above {AppContext.BaseDirectory}");
    }
}
