using System.Globalization;
using System.Text;
using Kiln.Inference;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Kiln.Containers.Tests.Fixtures;

/// <summary>A small churn classifier trained here and exported to ONNX the way Kiln's pipeline does, plus a few rows to score.</summary>
internal static class TinyChurnModel
{
    /// <summary>Rows to score, one with a missing number, as /predict takes them.</summary>
    public static readonly (float? Tenure, float? Charges, string Plan)[] Rows =
    [
        (3, 90.5f, "basic"), (60, 20, "pro"), (24, 55.25f, "plus"), (null, 70, "basic"), (12, 99, "pro"),
    ];

    /// <summary>Trains on synthetic data (fixed seed) and writes model.onnx to <paramref name="path"/>.</summary>
    public static void Train(string path)
    {
        var ml = new MLContext(seed: 7);
        var random = new Random(7);
        var rows = Enumerable.Range(0, 400).Select(_ =>
        {
            var tenure = (float)random.Next(1, 72);
            var charges = (float)(20 + random.NextDouble() * 100);
            var plan = random.Next(3) switch { 0 => "basic", 1 => "plus", _ => "pro" };
            var z = -0.05 * tenure + 0.03 * charges + (plan == "basic" ? 0.8 : 0) - 1 + random.NextDouble() - 0.5;
            return new ChurnLabelledRow { Tenure = tenure, Charges = charges, Plan = plan, Churn = z > 0 };
        }).ToList();

        var pipeline = ml.Transforms.ReplaceMissingValues([new InputOutputColumnPair("Tenure"), new InputOutputColumnPair("Charges")])
            .Append(ml.Transforms.Categorical.OneHotEncoding("PlanEncoded", "Plan"))
            .Append(ml.Transforms.Concatenate("Features", "Tenure", "Charges", "PlanEncoded"))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression("Churn"));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));

        // The converter traces inputs back to the loader, so it gets a loader without the label column.
        var inputs = ml.Data.LoadFromEnumerable(rows.Select(r => new ChurnInputRow { Tenure = r.Tenure, Charges = r.Charges, Plan = r.Plan }));
        using var file = File.Create(path);
        ml.Model.ConvertToOnnx(model, inputs, file, "PredictedLabel", "Probability", "Score");
    }

    /// <summary>The rows as the JSON body of POST /predict.</summary>
    public static string RowsJson()
    {
        var json = new StringBuilder("[");
        foreach (var (tenure, charges, plan) in Rows)
        {
            json.Append(CultureInfo.InvariantCulture, $"{{\"Tenure\":{Number(tenure)},\"Charges\":{Number(charges)},\"Plan\":\"{plan}\"}},");
        }

        json.Length--;
        return json.Append(']').ToString();
    }

    /// <summary>The probabilities local ONNX Runtime gives for <see cref="Rows"/>.</summary>
    public static float[] ScoreLocally(string path)
    {
        using var model = OnnxModel.Load(path);
        var batch = model.CreateBatch(Rows.Length);
        for (var r = 0; r < Rows.Length; r++)
        {
            batch.SetNumeric(batch.IndexOf("Tenure"), r, Rows[r].Tenure ?? float.NaN);
            batch.SetNumeric(batch.IndexOf("Charges"), r, Rows[r].Charges ?? float.NaN);
            batch.SetCategorical(batch.IndexOf("Plan"), r, Rows[r].Plan);
        }

        return [.. model.Score(batch).Select(p => p.Probability)];
    }

    private static string Number(float? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "null";
}
