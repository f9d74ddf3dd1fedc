using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Kiln.Pipeline.Tuning;

/// <summary>Scores a trial fold by fold with exactly Train's pipeline (<see cref="ModelBuilder"/>), so the winner reproduces under Train.</summary>
/// <param name="folds">The cached folds of the training split.</param>
/// <param name="schema">The feature schema.</param>
/// <param name="trainerSeed">trainer.seed of the config: the MLContext seed Train uses.</param>
public sealed class CrossValidator(TrainingFolds folds, FeatureSchema schema, int trainerSeed)
{
    /// <summary>Trains and scores each fold in order; <paramref name="continueAfter"/> sees each result and returns false to stop (prune).</summary>
    /// <param name="parameters">The trial's trainer and hyperparameters.</param>
    /// <param name="continueAfter">Called after every fold with the results so far.</param>
    /// <param name="cancellationToken">Stops between folds.</param>
    public IReadOnlyList<FoldResult> Score(TrialParameters parameters, Func<IReadOnlyList<FoldResult>, bool> continueAfter, CancellationToken cancellationToken)
    {
        var results = new List<FoldResult>();
        var trainer = parameters.ToTrainerConfig(trainerSeed);
        for (var fold = 0; fold < folds.Count; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A fresh context per fold, seeded as Train seeds it, so a fold's model does not depend on the folds before it.
            var ml = new MLContext(trainerSeed);
            var model = new ModelBuilder(ml, schema, trainer).Pipeline().Fit(folds.Train(fold));
            var scored = model.Transform(folds.Validation(fold));
            var labels = scored.GetColumn<bool>(ModelBuilder.LabelColumn).ToArray();
            var probabilities = scored.GetColumn<float>("Probability").ToArray();
            var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
            results.Add(new FoldResult(fold, BinaryMetrics.Compute(labels, probabilities, predicted)));
            if (!continueAfter(results))
            {
                break;
            }
        }

        return results;
    }
}
