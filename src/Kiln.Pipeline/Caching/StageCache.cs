using Kiln.Hashing;
using Kiln.Pipeline.Stages;

namespace Kiln.Pipeline.Caching;

/// <summary>Decides whether a stage is up to date against kiln.lock and records complete runs, DVC-style.</summary>
/// <param name="context">Resolves paths and locates kiln.lock.</param>
public sealed class StageCache(PipelineContext context)
{
    private readonly StageLock _lock = new(context.LockFile);

    /// <summary>Compares the recorded entry with the current state and says exactly what changed.</summary>
    /// <param name="stage">The stage name.</param>
    /// <param name="fingerprint">The stage's current dependencies, parameters and outputs.</param>
    public StageStatus Check(string stage, StageFingerprint fingerprint)
    {
        var entry = _lock.Read(stage);
        if (entry is null)
        {
            return new StageStatus(false, "never run");
        }

        var reasons = new List<string>();
        if (entry.Code != CodeVersion.Current)
        {
            reasons.Add("code changed");
        }

        foreach (var (key, value) in fingerprint.Parameters)
        {
            if (!entry.Parameters.TryGetValue(key, out var recorded))
            {
                reasons.Add($"params changed: {key} (new) -> {value}");
            }
            else if (recorded != value)
            {
                reasons.Add($"params changed: {key} {recorded} -> {value}");
            }
        }

        reasons.AddRange(entry.Parameters.Keys.Where(key => !fingerprint.Parameters.ContainsKey(key)).Select(key => $"params changed: {key} removed"));

        foreach (var dependency in fingerprint.Dependencies)
        {
            var path = context.At(dependency);
            if (!File.Exists(path))
            {
                reasons.Add($"dependency missing: {dependency}");
            }
            else if (!entry.Dependencies.TryGetValue(dependency, out var recorded) || recorded != FileHash.Sha256(path))
            {
                reasons.Add($"dependency changed: {dependency}");
            }
        }

        foreach (var output in fingerprint.Outputs)
        {
            var path = context.At(output);
            if (!File.Exists(path))
            {
                reasons.Add($"output missing: {output}");
            }
            else if (!entry.Outputs.TryGetValue(output, out var recorded) || recorded != FileHash.Sha256(path))
            {
                reasons.Add($"output changed: {output}");
            }
        }

        return reasons.Count == 0 ? new StageStatus(true, StageStatus.Unchanged) : new StageStatus(false, string.Join("; ", reasons));
    }

    /// <summary>Hashes the dependencies as they are now, before the stage reads them.</summary>
    /// <param name="fingerprint">The stage's fingerprint.</param>
    /// <param name="missing">Builds the message for a dependency that does not exist.</param>
    public IReadOnlyDictionary<string, string> HashDependencies(StageFingerprint fingerprint, Func<string, string> missing)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dependency in fingerprint.Dependencies)
        {
            var path = context.At(dependency);
            hashes[dependency] = File.Exists(path)
                ? FileHash.Sha256(path)
                : throw new PipelineException(missing(dependency));
        }

        return hashes;
    }

    /// <summary>Records a complete run; called last, after every output is in place.</summary>
    /// <param name="stage">The stage name.</param>
    /// <param name="fingerprint">The stage's fingerprint.</param>
    /// <param name="dependencyHashes">The dependency hashes taken before the run.</param>
    /// <returns>The outputs' hashes.</returns>
    public IReadOnlyDictionary<string, string> Record(string stage, StageFingerprint fingerprint, IReadOnlyDictionary<string, string> dependencyHashes)
    {
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in fingerprint.Outputs)
        {
            outputs[output] = FileHash.Sha256(context.At(output));
        }

        _lock.Write(stage, new LockEntry(CodeVersion.Current, new SortedDictionary<string, string>(fingerprint.Parameters.ToDictionary(), StringComparer.Ordinal), dependencyHashes, outputs));
        return outputs;
    }

    /// <summary>Forgets the stage's entry, e.g. when its run failed halfway and outputs may be stale.</summary>
    /// <param name="stage">The stage name.</param>
    public void Invalidate(string stage) => _lock.Remove(stage);
}
