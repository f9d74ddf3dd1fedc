using System.Text.Json;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Evaluation;

/// <summary>The format of <c>artifacts/evaluation/metrics.json</c>: Evaluate writes it, Register reads it back.</summary>
public static class MetricsDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the summary atomically.</summary>
    /// <param name="path">The metrics.json file.</param>
    /// <param name="summary">What the evaluation measured.</param>
    public static void Write(string path, EvaluationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var document = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["model_sha256"] = summary.ModelSha256,
            ["metrics"] = new SortedDictionary<string, double>(summary.Metrics.ToDictionary(), StringComparer.Ordinal),
            ["confusion_matrix"] = new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                ["true_positives"] = summary.Confusion.TruePositives,
                ["false_positives"] = summary.Confusion.FalsePositives,
                ["true_negatives"] = summary.Confusion.TrueNegatives,
                ["false_negatives"] = summary.Confusion.FalseNegatives,
            },
            ["permutation_importance_auc_drop"] = new SortedDictionary<string, double>(summary.Importance.ToDictionary(), StringComparer.Ordinal),
            ["quality_gate"] = new SortedDictionary<string, object>(StringComparer.Ordinal)
            {
                ["passed"] = summary.Gate.Passed,
                ["failures"] = summary.Gate.Failures.Select(QualityGate.Describe).ToList(),
            },
        };
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document, Indented) + "\n");
    }

    /// <summary>Reads the model hash and the metrics back; a missing or malformed file is a clear error naming it.</summary>
    /// <param name="path">The metrics.json file.</param>
    /// <param name="shownAs">The file as messages name it (repository-relative).</param>
    public static (string ModelSha256, IReadOnlyDictionary<string, double> Metrics) Read(string path, string shownAs)
    {
        if (!File.Exists(path))
        {
            throw new PipelineException($"{shownAs} not found; run Evaluate first");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var sha256 = root.GetProperty("model_sha256").GetString()
                ?? throw new PipelineException($"{shownAs}: 'model_sha256' is null; rerun Evaluate");
            var metrics = root.GetProperty("metrics").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
            return (sha256, metrics);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new PipelineException($"{shownAs} is not a metrics file Evaluate wrote ({e.Message}); rerun Evaluate");
        }
    }
}
