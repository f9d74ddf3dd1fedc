namespace Kiln.Inference;

/// <summary>
/// The names of a Kiln model's outputs, as ML.NET names the scored columns: what Train exports to ONNX and checks,
/// what the registry records in the signature and what the service answers with.
/// </summary>
/// <remarks>The ONNX file may suffix them (<c>Probability.output</c>); <see cref="OnnxModel.OutputNames"/> holds the exact ones.</remarks>
public static class ModelOutputs
{
    /// <summary>The predicted label (bool, true = positive class).</summary>
    public const string Label = "PredictedLabel";

    /// <summary>The calibrated probability of the positive class (float).</summary>
    public const string Probability = "Probability";

    /// <summary>The raw score before calibration (float).</summary>
    public const string Score = "Score";

    /// <summary>The three outputs in the order Kiln exports and serves them.</summary>
    public static IReadOnlyList<string> All { get; } = [Label, Probability, Score];
}
