namespace Kiln.Pipeline;

/// <summary>Removes what the pipeline generated (<see cref="PipelineContext.GeneratedOutputs"/>) and nothing else: never data/01-raw.</summary>
public static class OutputCleaner
{
    // Keeps the tracked (empty) data folders in the checkout.
    private const string KeepFile = ".gitkeep";

    /// <summary>Deletes every generated output under <paramref name="rootDirectory"/>; folders holding a .gitkeep stay, emptied.</summary>
    /// <returns>The outputs that existed and were removed, relative to the root, in <see cref="PipelineContext.GeneratedOutputs"/> order.</returns>
    /// <param name="rootDirectory">The repository root.</param>
    public static IReadOnlyList<string> Clean(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        var root = Path.GetFullPath(rootDirectory);
        var removed = new List<string>();
        foreach (var output in PipelineContext.GeneratedOutputs)
        {
            var path = Path.Combine(root, output);
            if (File.Exists(path))
            {
                File.Delete(path);
                removed.Add(output);
            }
            else if (Directory.Exists(path) && RemoveContents(path))
            {
                removed.Add(output);
            }
        }

        return removed;
    }

    // True when anything was deleted; the folder itself goes too unless it is kept by a .gitkeep.
    private static bool RemoveContents(string directory)
    {
        var entries = Directory.EnumerateFileSystemEntries(directory).Where(e => Path.GetFileName(e) != KeepFile).ToList();
        foreach (var entry in entries)
        {
            // A symbolic link is removed itself; what it points to is not the pipeline's to delete.
            if (Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null)
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }

        if (!File.Exists(Path.Combine(directory, KeepFile)))
        {
            Directory.Delete(directory);
            return true;
        }

        return entries.Count > 0;
    }
}
