namespace Kiln.Pipeline.Caching;

/// <summary>What one stage recorded in kiln.lock after its last complete run.</summary>
/// <param name="Code">The code version (Kiln.Pipeline and Kiln.Inference assemblies plus ML.NET version).</param>
/// <param name="Parameters">The parameters the stage uses, by flattened name.</param>
/// <param name="Dependencies">Each input file's sha256, by repository-relative path.</param>
/// <param name="Outputs">Each output file's sha256, by repository-relative path.</param>
public sealed record LockEntry(
    string Code,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Dependencies,
    IReadOnlyDictionary<string, string> Outputs);
