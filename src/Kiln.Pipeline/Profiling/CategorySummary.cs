namespace Kiln.Pipeline.Profiling;

/// <summary>The most frequent values of a categorical or text column.</summary>
/// <param name="Top">The most frequent values, most frequent first.</param>
/// <param name="OtherCount">Non-missing values outside <paramref name="Top"/>.</param>
/// <param name="MinimumLength">The shortest value's length in characters.</param>
/// <param name="MaximumLength">The longest value's length.</param>
/// <param name="MeanLength">The mean length.</param>
public sealed record CategorySummary(IReadOnlyList<CategoryCount> Top, long OtherCount, double MinimumLength, double MaximumLength, double MeanLength);
