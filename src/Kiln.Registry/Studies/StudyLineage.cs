namespace Kiln.Registry.Studies;

/// <summary>The run parameters that say which study and trial a config's trainer came from (written by Tune --apply, recorded by every later run).</summary>
public static class StudyLineage
{
    /// <summary>The study's name.</summary>
    public const string Study = "tuning.applied.study";

    /// <summary>The trial's number.</summary>
    public const string Trial = "tuning.applied.trial";

    /// <summary>The trial's run id.</summary>
    public const string Run = "tuning.applied.run";

    /// <summary>"study X, trial N (run R)" when the parameters carry the lineage, otherwise null.</summary>
    /// <param name="parameters">A run's parameters.</param>
    public static string? Describe(IReadOnlyDictionary<string, string> parameters) =>
        parameters.TryGetValue(Study, out var study)
            ? $"study `{study}`, trial {parameters.GetValueOrDefault(Trial) ?? "?"} (run `{parameters.GetValueOrDefault(Run) ?? "?"}`)"
            : null;
}
