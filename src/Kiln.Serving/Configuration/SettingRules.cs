using System.Globalization;

namespace Kiln.Serving.Configuration;

/// <summary>The checks and messages shared by the options records, so every bad setting is reported the same way.</summary>
internal static class SettingRules
{
    /// <summary>A message when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>], else null.</summary>
    /// <param name="key">The full configuration key.</param>
    /// <param name="value">The bound value.</param>
    /// <param name="min">The smallest allowed value.</param>
    /// <param name="max">The largest allowed value.</param>
    public static string? Range(string key, long value, long min, long max) =>
        value >= min && value <= max ? null : $"{key} must be an integer from {Number(min)} to {Number(max)}, got {Number(value)}";

    /// <summary>A message when <paramref name="value"/> is empty or whitespace, else null.</summary>
    /// <param name="key">The full configuration key.</param>
    /// <param name="value">The bound value.</param>
    public static string? NotEmpty(string key, string? value) => string.IsNullOrWhiteSpace(value) ? $"{key} must not be empty" : null;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
