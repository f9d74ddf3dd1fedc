using System.Globalization;

namespace Kiln.Pipeline.Profiling;

/// <summary>How the profile reads numbers: as the validator and the model do (float32, invariant culture), so bins match what the model sees.</summary>
internal static class ProfileNumbers
{
    /// <summary>The share of non-missing values that must be numbers for a column to be inferred as numeric.</summary>
    public const double NumericShare = 0.95;

    /// <summary>Parses a trimmed field as a finite float32, widened to double.</summary>
    /// <param name="text">The trimmed field.</param>
    /// <param name="value">The number.</param>
    public static bool TryParse(string text, out double value)
    {
        // A finite number starts with a digit, a sign or a point; anything else (categories, text, "NaN", "Infinity")
        // fails here without float.TryParse's slow search for the named infinities.
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.'))
        {
            value = double.NaN;
            return false;
        }

        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && float.IsFinite(parsed))
        {
            value = parsed;
            return true;
        }

        value = double.NaN;
        return false;
    }
}
