using System.Globalization;
using System.Text.Json;
using Kiln.Inference;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Kiln.Testing;

/// <summary>Trains a small ML.NET LightGbm churn model on synthetic data and exports it to ONNX, as the Train stage does.</summary>
public static class TestModel
{
    /// <summary>The numeric feature columns, as named in the CSV and the ONNX inputs.</summary>
    public static readonly string[] NumericColumns = ["tenure_months", "monthly_charges", "support_calls"];

    /// <summary>The categorical feature columns.</summary>
    public static readonly string[] CategoricalColumns = ["contract", "payment_method"];

    /// <summary>The contract values seen in training.</summary>
    public static readonly string[] Contracts = ["month-to-month", "one-year", "two-year"];

    /// <summary>The payment methods seen in training.</summary>
    public static readonly string[] PaymentMethods = ["card", "bank-transfer", "check"];

    /// <summary>Generates deterministic rows; about one monthly charge in ten is missing.</summary>
    /// <param name="count">Rows to generate.</param>
    /// <param name="seed">Random seed.</param>
    public static List<ChurnRow> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<ChurnRow>(count);
        for (var i = 0; i < count; i++)
        {
            var tenure = (float)Math.Round(random.NextDouble() * 72, 1);
            var charges = random.NextDouble() < 0.1 ? float.NaN : (float)Math.Round(20 + random.NextDouble() * 100, 2);
            var calls = random.Next(0, 8);
            var contract = Contracts[random.Next(Contracts.Length)];
            var payment = PaymentMethods[random.Next(PaymentMethods.Length)];
            var logit = -1.0 - tenure / 24 + (float.IsNaN(charges) ? 0.5 : charges / 60) + calls * 0.35
                + (contract == "month-to-month" ? 1.2 : 0) + (payment == "check" ? 0.4 : 0);
            var churned = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            rows.Add(new ChurnRow(tenure, charges, calls, contract, payment, churned));
        }

        return rows;
    }

    /// <summary>Trains on generated rows and writes model.onnx to <paramref name="path"/>.</summary>
    /// <param name="path">Where the ONNX file goes.</param>
    public static void TrainAndExport(string path)
    {
        var ml = new MLContext(seed: 7);
        var training = ml.Data.LoadFromEnumerable(Generate(2000, seed: 1).Select(r => new LabeledRecord
        {
            tenure_months = r.TenureMonths,
            monthly_charges = r.MonthlyCharges,
            support_calls = r.SupportCalls,
            contract = r.Contract,
            payment_method = r.PaymentMethod,
            Label = r.Churned,
        }));
        var pipeline = ml.Transforms.ReplaceMissingValues([.. NumericColumns.Select(c => new InputOutputColumnPair(c))])
            .Append(ml.Transforms.Categorical.OneHotEncoding([.. CategoricalColumns.Select(c => new InputOutputColumnPair(c + "_onehot", c))]))
            .Append(ml.Transforms.Concatenate("Features", [.. NumericColumns, .. CategoricalColumns.Select(c => c + "_onehot")]))
            .Append(ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = 30,
                NumberOfLeaves = 8,
                MinimumExampleCountPerLeaf = 20,
                Seed = 7,
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(training);

        // The converter traces inputs back to the loader, so the export view's loader must have no label column.
        var unlabeled = ml.Data.LoadFromEnumerable(new[] { new UnlabeledRecord() });
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            ml.Model.ConvertToOnnx(model, unlabeled, stream, [.. ModelOutputs.All]);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A /predict body: one record per row keyed by the CSV column names; NaN becomes null.</summary>
    /// <param name="rows">The rows.</param>
    public static string PredictBody(IEnumerable<ChurnRow> rows) =>
        "[" + string.Join(",", rows.Select(r =>
            $"{{\"tenure_months\":{JsonNumber(r.TenureMonths)},\"monthly_charges\":{JsonNumber(r.MonthlyCharges)},\"support_calls\":{JsonNumber(r.SupportCalls)}," +
            $"\"contract\":{JsonSerializer.Serialize(r.Contract)},\"payment_method\":{JsonSerializer.Serialize(r.PaymentMethod)}}}")) + "]";

    /// <summary>The probabilities Kiln's ONNX Runtime scoring gives the rows, in row order.</summary>
    /// <param name="modelPath">The ONNX file.</param>
    /// <param name="rows">The rows.</param>
    public static float[] ScoreLocally(string modelPath, IReadOnlyList<ChurnRow> rows)
    {
        using var model = OnnxModel.Load(modelPath);
        return [.. model.Score(BatchFiller.Fill(model, rows)).Select(p => p.Probability)];
    }

    /// <summary>A feature value as a JSON number that round-trips, or null for a missing (NaN) one.</summary>
    /// <param name="value">The value.</param>
    public static string JsonNumber(float value) => float.IsNaN(value) ? "null" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A training row with the label, named like the CSV columns.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Names are the CSV column names.")]
    private sealed class LabeledRecord
    {
        public float tenure_months { get; set; }

        public float monthly_charges { get; set; }

        public float support_calls { get; set; }

        public string contract { get; set; } = "";

        public string payment_method { get; set; } = "";

        public bool Label { get; set; }
    }

    /// <summary>The same columns without the label, for the ONNX export's loader.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Names are the CSV column names.")]
    private sealed class UnlabeledRecord
    {
        public float tenure_months { get; set; }

        public float monthly_charges { get; set; }

        public float support_calls { get; set; }

        public string contract { get; set; } = "";

        public string payment_method { get; set; } = "";
    }
}
