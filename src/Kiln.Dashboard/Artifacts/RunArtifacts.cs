using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Artifacts;

/// <summary>How the dashboard names a run's artifacts: by file name, which is unique among one stage's outputs.</summary>
public static class RunArtifacts
{
    /// <summary>The file name of an artifact as the run recorded it (either separator).</summary>
    public static string Name(ArtifactRecord artifact) => artifact.Path[(artifact.Path.LastIndexOfAny(['/', '\\']) + 1)..];

    /// <summary>The artifact of <paramref name="run"/> named <paramref name="name"/>, or null.</summary>
    public static ArtifactRecord? Find(Run run, string name) => run.Artifacts.FirstOrDefault(a => Name(a) == name);
}
