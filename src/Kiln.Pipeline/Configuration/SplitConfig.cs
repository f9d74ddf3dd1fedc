namespace Kiln.Pipeline.Configuration;

/// <summary>How the clean rows are split into training and held-out test rows.</summary>
/// <param name="TestFraction">The fraction of rows held out for evaluation.</param>
/// <param name="Seed">The shuffle seed, so the split is reproducible.</param>
/// <param name="Stratify">True to keep the label balance equal in both splits.</param>
public sealed record SplitConfig(double TestFraction, int Seed, bool Stratify)
{
    /// <summary>The values used for every key the file leaves out.</summary>
    public static SplitConfig Default { get; } = new(TestFraction: 0.2, Seed: 42, Stratify: true);
}
