namespace Kiln.Pipeline.Caching;

/// <summary>What a stage depends on right now: its input files, the parameters it uses, and the outputs it will write.</summary>
/// <param name="Dependencies">Repository-relative input paths.</param>
/// <param name="Parameters">The flattened parameters the stage uses.</param>
/// <param name="Outputs">Repository-relative output paths.</param>
public sealed record StageFingerprint(
    IReadOnlyList<string> Dependencies,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Outputs);
