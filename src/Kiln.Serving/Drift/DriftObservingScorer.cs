using Kiln.Inference;
using Kiln.Serving.Scoring;

namespace Kiln.Serving.Drift;

/// <summary>Scores through the configured scorer and hands each batch to the drift monitor on the request's thread.</summary>
/// <param name="inner">The scorer that does the work.</param>
/// <param name="monitor">The drift monitor.</param>
internal sealed class DriftObservingScorer(IScorer inner, DriftMonitor monitor) : IScorer, IAsyncDisposable
{
    /// <inheritdoc />
    public ValueTask<Prediction[]> ScoreAsync(OnnxModel model, FeatureBatch batch)
    {
        var predictions = inner.ScoreAsync(model, batch);
        monitor.Observe(model, batch);
        return predictions;
    }

    /// <summary>Disposes the inner scorer (the container only sees this wrapper).</summary>
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
