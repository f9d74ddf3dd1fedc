using Kiln.Inference;
using Kiln.Pipeline.Onnx;
using Kiln.Pipeline.Schema;
using Kiln.Registry.Metrics;

namespace Kiln.Pipeline.Evaluation;

/// <summary>Permutation feature importance: how much ROC AUC drops when one column is shuffled across the test rows.</summary>
public static class PermutationImportance
{
    /// <summary>The AUC drop per feature, each shuffle seeded with <paramref name="seed"/> plus the feature's position so reruns agree.</summary>
    /// <param name="model">The model to score with.</param>
    /// <param name="schema">The feature schema.</param>
    /// <param name="rows">The test rows.</param>
    /// <param name="labels">Their labels, row for row.</param>
    /// <param name="baseline">The model's AUC on the unshuffled rows.</param>
    /// <param name="seed">The base seed (the trainer's).</param>
    /// <param name="progress">Where the fraction of features done goes.</param>
    public static SortedDictionary<string, double> AucDrops(
        OnnxModel model, FeatureSchema schema, IReadOnlyList<ValidatedRow> rows, IReadOnlyList<bool> labels, double baseline, int seed, IProgress<double> progress)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(progress);
        var importance = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var numeric = schema.Numeric.ToList();
        var categorical = schema.Categorical.ToList();
        for (var f = 0; f < schema.Features.Count; f++)
        {
            progress.Report((double)f / schema.Features.Count);
            var feature = schema.Features[f];
            var order = Enumerable.Range(0, rows.Count).ToArray();
            new Random(seed + f).Shuffle(order);
            var numericIndex = numeric.IndexOf(feature.Name);
            var categoricalIndex = categorical.IndexOf(feature.Name);

            // Only the one column moves; every other value stays with its row.
            var shuffled = rows.Select((row, i) => feature.Kind == FeatureKind.Numeric
                ? row with { Numeric = Replace(row.Numeric, numericIndex, rows[order[i]].Numeric[numericIndex]) }
                : row with { Categorical = Replace(row.Categorical, categoricalIndex, rows[order[i]].Categorical[categoricalIndex]) });
            var probabilities = OnnxScoring.Score(model, schema, shuffled).Select(s => s.Prediction.Probability).ToArray();
            importance[feature.Name] = baseline - RocAuc.Compute(labels, probabilities);
        }

        progress.Report(1);
        return importance;
    }

    private static T[] Replace<T>(T[] values, int index, T value)
    {
        var copy = (T[])values.Clone();
        copy[index] = value;
        return copy;
    }
}
