namespace Kiln.Serving.Parsing;

/// <summary>Which outputs an OIP inference request asked for.</summary>
[Flags]
public enum InferOutputs
{
    /// <summary>Nothing selected.</summary>
    None = 0,

    /// <summary>The predicted label (BOOL).</summary>
    PredictedLabel = 1,

    /// <summary>The positive-class probability (FP32).</summary>
    Probability = 2,

    /// <summary>The raw score (FP32).</summary>
    Score = 4,

    /// <summary>Every output (the default when the request names none).</summary>
    All = PredictedLabel | Probability | Score,
}
