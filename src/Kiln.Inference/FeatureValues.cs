namespace Kiln.Inference;

/// <summary>How raw feature values are normalised before a model sees them: one definition for training, Predict and the service.</summary>
public static class FeatureValues
{
    /// <summary>Normalises a category as training saw it: surrounding whitespace removed (CSV exports pad values; JSON clients copy them).</summary>
    /// <param name="value">The raw category.</param>
    public static string NormalizeCategory(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim();
    }
}
