using Kiln.Inference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Kiln.Testing;

/// <summary>Scores rows with ONNX Runtime's plain tensor API, independently of Kiln's code, as the reference answer.</summary>
public static class DirectOrt
{
    /// <summary>Returns (label, probability) per row as ONNX Runtime computes them on one intra-op thread.</summary>
    /// <remarks>
    /// The thread count is pinned because ORT's tree ensemble sums trees in per-thread partial sums, so 1 vs 2 threads
    /// can differ in the last bit; Kiln scores on one thread (see <see cref="ScoringOptions"/>).
    /// </remarks>
    /// <param name="modelPath">The ONNX file.</param>
    /// <param name="rows">Rows keyed like the CSV columns.</param>
    public static (bool Label, float Probability)[] Score(string modelPath, IReadOnlyList<ChurnRow> rows)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        var n = rows.Count;
        var inputs = new List<NamedOnnxValue>
        {
            Numeric("tenure_months", rows.Select(r => r.TenureMonths)),
            Numeric("monthly_charges", rows.Select(r => r.MonthlyCharges)),
            Numeric("support_calls", rows.Select(r => r.SupportCalls)),
            Text("contract", rows.Select(r => r.Contract)),
            Text("payment_method", rows.Select(r => r.PaymentMethod)),
        };
        var labelName = session.OutputNames.First(o => o.StartsWith(ModelOutputs.Label, StringComparison.Ordinal));
        var probabilityName = session.OutputNames.First(o => o.StartsWith(ModelOutputs.Probability, StringComparison.Ordinal));
        using var results = session.Run(inputs, [labelName, probabilityName]);
        var labels = results.First(r => r.Name == labelName).AsEnumerable<bool>().ToArray();
        var probabilities = results.First(r => r.Name == probabilityName).AsEnumerable<float>().ToArray();
        return [.. Enumerable.Range(0, n).Select(i => (labels[i], probabilities[i]))];

        NamedOnnxValue Numeric(string name, IEnumerable<float> values) =>
            NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values.ToArray(), [n, 1]));

        NamedOnnxValue Text(string name, IEnumerable<string> values) =>
            NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(values.ToArray(), [n, 1]));
    }
}
