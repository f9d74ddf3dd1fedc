namespace Kiln.Inference;

/// <summary>How a model input is fed: a float32 column or a string column.</summary>
public enum FeatureKind
{
    /// <summary>A float32 tensor of shape [-1, 1]; NaN means missing.</summary>
    Numeric,

    /// <summary>A string tensor of shape [-1, 1]; the empty string means missing.</summary>
    Categorical,
}
