namespace Kiln.Pipeline.Configuration;

/// <summary>How strict the Features stage is about malformed rows.</summary>
/// <param name="MaxRejectedFraction">The largest fraction of data lines that may be quarantined before the stage fails.</param>
public sealed record ValidationConfig(double MaxRejectedFraction)
{
    /// <summary>The values used for every key the file leaves out.</summary>
    public static ValidationConfig Default { get; } = new(MaxRejectedFraction: 0.02);
}
