using System.Text.Json;
using Kiln.Inference;
using Kiln.Pipeline.Schema;

namespace Kiln.Pipeline.Onnx;

/// <summary>A few test rows as a /predict request body, with the probabilities ONNX Runtime gives them locally.</summary>
/// <param name="RowsJson">A JSON array of records keyed by feature name (null for a missing number).</param>
/// <param name="Probabilities">The local ONNX Runtime probability of each row, in order.</param>
public sealed record PredictionSample(string RowsJson, IReadOnlyList<float> Probabilities)
{
    /// <summary>Scores the first rows of the test split with the given model, for smoke tests of a served copy of it.</summary>
    /// <param name="context">The pipeline whose test split and feature list to use.</param>
    /// <param name="modelPath">The ONNX model to score with.</param>
    /// <param name="expectedSha256">The model's expected sha256, verified on load; null skips the check.</param>
    /// <param name="rows">How many rows to take.</param>
    public static PredictionSample FromTestSplit(PipelineContext context, string modelPath, string? expectedSha256 = null, int rows = 5)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schema = FeatureSchema.Load(context.FeaturesJson);
        var sample = ValidatingReader.ReadTestSplit(context, schema).Take(rows).ToList();
        if (sample.Count == 0)
        {
            throw new PipelineException($"{context.Relative(context.TestCsv)} has no rows; run Features first");
        }

        using var model = OnnxModel.Load(modelPath, expectedSha256);
        var probabilities = OnnxScoring.Score(model, schema, sample).Select(s => s.Prediction.Probability).ToList();
        return new PredictionSample(ToJson(schema, sample), probabilities);
    }

    /// <summary>Writes rows as the JSON records /predict accepts, keyed by the training CSV's column names.</summary>
    /// <param name="schema">The feature list.</param>
    /// <param name="rows">The rows.</param>
    public static string ToJson(FeatureSchema schema, IEnumerable<ValidatedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var records = rows.Select(row =>
        {
            var record = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < schema.Numeric.Count; i++)
            {
                record[schema.Numeric[i]] = float.IsNaN(row.Numeric[i]) ? null : row.Numeric[i];
            }

            for (var i = 0; i < schema.Categorical.Count; i++)
            {
                record[schema.Categorical[i]] = row.Categorical[i];
            }

            return record;
        });
        return JsonSerializer.Serialize(records);
    }
}
