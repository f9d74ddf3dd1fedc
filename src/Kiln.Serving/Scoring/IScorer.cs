using Kiln.Inference;

namespace Kiln.Serving.Scoring;

/// <summary>Runs feature batches through the served model, directly or coalesced with other requests.</summary>
public interface IScorer
{
    /// <summary>Scores every row of <paramref name="batch"/>.</summary>
    /// <param name="model">The served model.</param>
    /// <param name="batch">A batch created by that model.</param>
    ValueTask<Prediction[]> ScoreAsync(OnnxModel model, FeatureBatch batch);
}
