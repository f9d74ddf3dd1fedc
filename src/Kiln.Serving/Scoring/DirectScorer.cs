using Kiln.Inference;
using Kiln.Serving.Observability;

namespace Kiln.Serving.Scoring;

/// <summary>Scores each request in its own ONNX Runtime call on the request's thread.</summary>
/// <param name="metrics">Where batch sizes are recorded.</param>
public sealed class DirectScorer(ServingMetrics metrics) : IScorer
{
    /// <inheritdoc />
    public ValueTask<Prediction[]> ScoreAsync(OnnxModel model, FeatureBatch batch)
    {
        metrics.BatchSize.Observe(batch.Rows);
        return ValueTask.FromResult(model.Score(batch));
    }
}
