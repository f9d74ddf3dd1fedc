using Kiln.Pipeline.IO;
using ScottPlot;

namespace Kiln.Pipeline.Evaluation;

/// <summary>Draws the ROC, precision–recall and calibration plots as PNG files (ScottPlot).</summary>
public static class EvaluationPlots
{
    private const int Width = 640;
    private const int Height = 480;

    /// <summary>Writes the ROC curve with the chance diagonal.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="labels">True labels.</param>
    /// <param name="probabilities">Predicted probabilities.</param>
    /// <param name="auc">The AUC shown in the legend.</param>
    public static void Roc(string path, IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities, double auc)
    {
        var curve = BinaryMetrics.RocCurve(labels, probabilities);
        var plot = new Plot();
        var line = plot.Add.ScatterLine(curve.Select(p => p.Fpr).ToArray(), curve.Select(p => p.Tpr).ToArray());
        line.LegendText = $"model (AUC {auc:F3})";
        var chance = plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance";
        Save(plot, path, "ROC curve (test split)", "false positive rate", "true positive rate");
    }

    /// <summary>Writes the precision–recall curve.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="labels">True labels.</param>
    /// <param name="probabilities">Predicted probabilities.</param>
    /// <param name="averagePrecision">The area shown in the legend.</param>
    public static void PrecisionRecall(string path, IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities, double averagePrecision)
    {
        var curve = BinaryMetrics.PrecisionRecallCurve(labels, probabilities);
        var plot = new Plot();
        var line = plot.Add.ScatterLine(curve.Select(p => p.Recall).ToArray(), curve.Select(p => p.Precision).ToArray());
        line.LegendText = $"model (AP {averagePrecision:F3})";
        Save(plot, path, "Precision–recall curve (test split)", "recall", "precision");
    }

    /// <summary>Writes the calibration plot: mean predicted probability against the observed positive rate in ten bins.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="labels">True labels.</param>
    /// <param name="probabilities">Predicted probabilities.</param>
    public static void Calibration(string path, IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities)
    {
        var bins = Enumerable.Range(0, 10)
            .Select(b => Enumerable.Range(0, labels.Count).Where(i => Math.Min(9, (int)(probabilities[i] * 10)) == b).ToArray())
            .Where(members => members.Length > 0)
            .Select(members => (Predicted: members.Average(i => (double)probabilities[i]), Observed: members.Average(i => labels[i] ? 1.0 : 0.0)))
            .ToArray();
        var plot = new Plot();
        var line = plot.Add.Scatter(bins.Select(b => b.Predicted).ToArray(), bins.Select(b => b.Observed).ToArray());
        line.LegendText = "model";
        var ideal = plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
        ideal.LinePattern = LinePattern.Dashed;
        ideal.LegendText = "perfectly calibrated";
        Save(plot, path, "Calibration (test split, 10 bins)", "mean predicted probability", "observed positive rate");
    }

    private static void Save(Plot plot, string path, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        var bytes = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
