using Kiln.Pipeline.IO;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Evaluation;

/// <summary>Writes the ROC and precision–recall curves of the test split as <see cref="RunCurves"/>, so the run keeps them and the dashboard can overlay runs.</summary>
public static class EvaluationCurves
{
    /// <summary>The thinned curves of <paramref name="probabilities"/> against <paramref name="labels"/>.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="probabilities">Predicted probabilities.</param>
    public static RunCurves Of(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities) => RunCurves.From(
        BinaryMetrics.RocCurve(labels, probabilities).Select(p => new CurvePoint(p.Fpr, p.Tpr)),
        BinaryMetrics.PrecisionRecallCurve(labels, probabilities).Select(p => new CurvePoint(p.Recall, p.Precision)));

    /// <summary>Writes the curves to <paramref name="path"/> (temp file, then rename).</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="labels">True labels.</param>
    /// <param name="probabilities">Predicted probabilities.</param>
    public static void Write(string path, IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities) =>
        AtomicFile.WriteAllText(path, Of(labels, probabilities).ToJson());
}
