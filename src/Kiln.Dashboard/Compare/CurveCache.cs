using Kiln.Dashboard.Artifacts;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Microsoft.Extensions.Caching.Memory;

namespace Kiln.Dashboard.Compare;

/// <summary>Each run's curves, read from its <c>curves.json</c> artifact and kept by content hash (content never changes under a hash, so nothing goes stale).</summary>
/// <param name="files">Where artifacts are read.</param>
public sealed class CurveCache(ArtifactFiles files) : IDisposable
{
    // About 13 KB per run at the point cap: a full cache stays near 25 MB.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2000 });

    /// <summary>The curves <paramref name="run"/> recorded, or why there are none.</summary>
    public CurveLookup For(Run run)
    {
        if (RunArtifacts.Find(run, RunCurves.FileName) is not { } artifact)
        {
            return new CurveLookup(null, run.Kind == RunKind.Evaluate ? "recorded no curves (evaluated before Kiln kept them)" : $"is a {run.Kind.ToString().ToLowerInvariant()} run; only evaluations record curves");
        }

        if (_cache.TryGetValue(artifact.Sha256, out RunCurves? cached))
        {
            return new CurveLookup(cached, null);
        }

        try
        {
            var curves = RunCurves.Parse(files.ReadAllBytes(artifact.Sha256), $"{RunCurves.FileName} of run {run.Id}");
            _cache.Set(artifact.Sha256, curves, new MemoryCacheEntryOptions { Size = 1 });
            return new CurveLookup(curves, null);
        }
        catch (Exception e) when (e is RegistryException or ArtifactRefusedException)
        {
            return new CurveLookup(null, e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
