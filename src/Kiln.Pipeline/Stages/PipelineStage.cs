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
    public StageStatus Check()
    {
        var own = _cache.Check(Name, Fingerprint());
        if (!own.IsUpToDate)
        {
            return own;
        }

        // A stale upstream stage will rewrite this stage's inputs, so the plan must show this stage as stale too.
        foreach (var upstream in Upstream())
        {
            var status = upstream.Check();
            if (!status.IsUpToDate)
            {
                return new StageStatus(false, $"upstream stage {upstream.Name} is stale ({status.Reason})");
            }
        }

        return own;
    }

    /// <summary>The message for an input file that does not exist.</summary>
    /// <param name="dependency">The repository-relative path.</param>
    protected virtual string MissingDependencyMessage(string dependency) =>
        $"{dependency} not found; run the stage that produces it first";

    /// <summary>The stages whose outputs this stage reads; empty for the first stage.</summary>
    protected virtual IEnumerable<PipelineStage> Upstream() => [];

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var fingerprint = Fingerprint();
        var dependencies = _cache.HashDependencies(fingerprint, MissingDependencyMessage);
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
