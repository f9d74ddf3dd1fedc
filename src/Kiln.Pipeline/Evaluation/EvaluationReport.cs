using System.Globalization;
using System.Text;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Evaluation;

/// <summary>Renders <c>artifacts/evaluation/report.md</c>: the gate, the metrics, the confusion matrix, the plots and feature importance.</summary>
public static class EvaluationReport
{
    /// <summary>Writes the report atomically; the plots it links sit next to it.</summary>
    /// <param name="path">The report.md file.</param>
    /// <param name="summary">What the evaluation measured.</param>
    public static void Write(string path, EvaluationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var c = CultureInfo.InvariantCulture;
        var failures = summary.Gate.Failures.Select(QualityGate.Describe).ToList();
        var md = new StringBuilder()
            .Append("# Evaluation report\n\n")
            .Append(c, $"Model `{summary.ModelPath}` (sha256 `{summary.ModelSha256}`), trainer {summary.Trainer}, scored with ONNX Runtime on `{summary.TestSplit}` ({summary.Metrics["rows"]:0} rows).\n\n")
            .Append(failures.Count == 0 ? "**Quality gate: passed.**\n\n" : $"**Quality gate: FAILED** — {string.Join("; ", failures)}\n\n")
            .Append("## Metrics\n\n| metric | value |\n|---|---:|\n");
        foreach (var (name, value) in summary.Metrics.Where(m => m.Key != "rows").OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            md.Append(c, $"| {name} | {value:0.0000} |\n");
        }

        var confusion = summary.Confusion;
        md.Append("\n## Confusion matrix (threshold 0.5)\n\n| | predicted positive | predicted negative |\n|---|---:|---:|\n")
            .Append(c, $"| actual positive | {confusion.TruePositives} | {confusion.FalseNegatives} |\n")
            .Append(c, $"| actual negative | {confusion.FalsePositives} | {confusion.TrueNegatives} |\n\n")
            .Append("## Plots\n\n![ROC](roc.png)\n\n![Precision–recall](pr.png)\n\n![Calibration](calibration.png)\n\n")
            .Append("## Permutation feature importance\n\nROC AUC drop when one column is shuffled across the test rows (seeded).\n\n| feature | AUC drop |\n|---|---:|\n");
        foreach (var (name, drop) in summary.Importance.OrderByDescending(i => i.Value))
        {
            md.Append(c, $"| {name} | {drop:0.0000} |\n");
        }

        AtomicFile.WriteAllText(path, md.ToString());
    }
}
