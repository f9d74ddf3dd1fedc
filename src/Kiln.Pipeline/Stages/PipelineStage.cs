using Kiln.Pipeline.Caching;

namespace Kiln.Pipeline.Stages;

/// <summary>The shared cache handling of every stage: check against kiln.lock, run, then record the lock entry last.</summary>
/// <param name="context">The pipeline context.</param>
public abstract class PipelineStage(PipelineContext context) : IStage
{
    private readonly StageCache _cache = new(context);

    /// <summary>The pipeline context.</summary>
    protected PipelineContext Context { get; } = context;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The stage's current dependencies, parameters and outputs.</summary>
    public abstract StageFingerprint Fingerprint();

    /// <inheritdoc />
    public StageStatus Check() => _cache.Check(Name, Fingerprint());

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var fingerprint = Fingerprint();
        var dependencies = _cache.HashDependencies(fingerprint);
        // A run that fails halfway may have replaced some outputs: it must not look complete afterwards.
        _cache.Invalidate(Name);
        var (metrics, summary) = await ExecuteAsync(cancellationToken).ConfigureAwait(false);
        var outputs = _cache.Record(Name, fingerprint, dependencies);
        return new StageResult(Name, outputs, metrics, summary);
    }

    /// <summary>Does the stage's work, writing every output atomically.</summary>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    protected abstract Task<(IReadOnlyDictionary<string, double> Metrics, string Summary)> ExecuteAsync(CancellationToken cancellationToken);

    /// <summary>Selects the parameters whose flattened names start with any of the prefixes.</summary>
    /// <param name="prefixes">Prefixes such as "trainer.".</param>
    protected IReadOnlyDictionary<string, string> ParametersStartingWith(params string[] prefixes) =>
        new SortedDictionary<string, string>(
            Context.Config.Parameters.Where(p => prefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal))).ToDictionary(),
            StringComparer.Ordinal);
}
