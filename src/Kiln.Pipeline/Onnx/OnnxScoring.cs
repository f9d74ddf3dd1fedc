using Kiln.Inference;
using Kiln.Pipeline.Schema;

namespace Kiln.Pipeline.Onnx;

/// <summary>Feeds validated rows to an ONNX model in batches, checking first that the model's inputs are the schema's features.</summary>
public static class OnnxScoring
{
    /// <summary>The rows scored per ONNX Runtime call.</summary>
    public const int BatchSize = 1024;

    /// <summary>Fails unless the model has exactly one input per feature column, with the same names and kinds.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="schema">The feature schema (features.json).</param>
    public static void EnsureMatches(OnnxModel model, FeatureSchema schema)
    {
        var expected = schema.Features.Select(f => $"{f.Name}:{f.Kind}").Order(StringComparer.Ordinal).ToArray();
        var actual = model.Inputs.Select(i => $"{i.Name}:{i.Kind}").Order(StringComparer.Ordinal).ToArray();
        if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            throw new PipelineException(
                $"{model.Path}: model inputs [{string.Join(", ", actual)}] do not match the feature list [{string.Join(", ", expected)}]; retrain after running Features");
        }
    }

    /// <summary>Scores the rows in order, yielding each row with its prediction.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="schema">The feature schema.</param>
    /// <param name="rows">The validated rows.</param>
    public static IEnumerable<(ValidatedRow Row, Prediction Prediction)> Score(OnnxModel model, FeatureSchema schema, IEnumerable<ValidatedRow> rows)
    {
        EnsureMatches(model, schema);
        var probe = model.CreateBatch(1);
        var numericInputs = schema.Numeric.Select(probe.IndexOf).ToArray();
        var categoricalInputs = schema.Categorical.Select(probe.IndexOf).ToArray();
        var pending = new List<ValidatedRow>(BatchSize);
        foreach (var row in rows)
        {
            pending.Add(row);
            if (pending.Count == BatchSize)
            {
                foreach (var scored in Flush(model, pending, numericInputs, categoricalInputs))
                {
                    yield return scored;
                }
            }
        }

        foreach (var scored in Flush(model, pending, numericInputs, categoricalInputs))
        {
            yield return scored;
        }
    }

    private static List<(ValidatedRow, Prediction)> Flush(OnnxModel model, List<ValidatedRow> pending, int[] numericInputs, int[] categoricalInputs)
    {
        var results = new List<(ValidatedRow, Prediction)>(pending.Count);
        if (pending.Count == 0)
        {
            return results;
        }

        var batch = model.CreateBatch(pending.Count);
        for (var r = 0; r < pending.Count; r++)
        {
            var row = pending[r];
            for (var i = 0; i < numericInputs.Length; i++)
            {
                batch.SetNumeric(numericInputs[i], r, row.Numeric[i]);
            }

            for (var i = 0; i < categoricalInputs.Length; i++)
            {
                batch.SetCategorical(categoricalInputs[i], r, row.Categorical[i]);
            }
        }

        var predictions = model.Score(batch);
        for (var r = 0; r < pending.Count; r++)
        {
            results.Add((pending[r], predictions[r]));
        }

        pending.Clear();
        return results;
    }
}
