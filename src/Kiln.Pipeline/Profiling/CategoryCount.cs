namespace Kiln.Pipeline.Profiling;

/// <summary>How often one value occurs.</summary>
/// <param name="Value">The value.</param>
/// <param name="Count">Its occurrences.</param>
/// <param name="Share">Its share of the non-missing values.</param>
public sealed record CategoryCount(string Value, long Count, double Share);
