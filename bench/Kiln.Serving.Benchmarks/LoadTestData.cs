using System.Globalization;
using System.Text;
using Kiln.Inference.Tests.Support;

namespace Kiln.Serving.Benchmarks;

/// <summary>Writes the synthetic model, its training-like CSV and /predict bodies for the load scripts.</summary>
public static class LoadTestData
{
    /// <summary>Writes model.onnx, churn.csv, predict-1.json and predict-100.json into <paramref name="directory"/>.</summary>
    /// <param name="directory">The output directory.</param>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        TestModel.TrainAndExport(Path.Combine(directory, "model.onnx"));
        var csv = new StringBuilder("tenure_months,monthly_charges,support_calls,contract,payment_method,churned\n");
        foreach (var r in TestModel.Generate(2000, seed: 1))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.TenureMonths},{(float.IsNaN(r.MonthlyCharges) ? "" : r.MonthlyCharges.ToString(CultureInfo.InvariantCulture))},{r.SupportCalls},{r.Contract},{r.PaymentMethod},{(r.Churned ? "yes" : "no")}\n");
        }

        File.WriteAllText(Path.Combine(directory, "churn.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(directory, "predict-1.json"), Body(TestModel.Generate(1, 5)));
        File.WriteAllText(Path.Combine(directory, "predict-100.json"), Body(TestModel.Generate(100, 6)));
    }

    /// <summary>A /predict body for the rows.</summary>
    /// <param name="rows">The rows.</param>
    public static string Body(IEnumerable<ChurnRow> rows) =>
        "[" + string.Join(",", rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{{\"tenure_months\":{r.TenureMonths},\"monthly_charges\":{(float.IsNaN(r.MonthlyCharges) ? "null" : r.MonthlyCharges.ToString(CultureInfo.InvariantCulture))},\"support_calls\":{r.SupportCalls},\"contract\":\"{r.Contract}\",\"payment_method\":\"{r.PaymentMethod}\"}}"))) + "]";
}
