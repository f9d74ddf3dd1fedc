namespace Kiln.Pipeline.Profiling;

/// <summary>What one CSV column holds.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Role">Its role in the configuration: id, label, numeric, categorical, ignored or unconfigured.</param>
/// <param name="InferredType">What its values look like: numeric, categorical, text or empty.</param>
/// <param name="ProfiledAs">How it was profiled: numeric, categorical or text.</param>
/// <param name="Present">Non-missing values.</param>
/// <param name="Missing">Blank values.</param>
/// <param name="Distinct">Distinct non-missing values.</param>
/// <param name="DistinctIsExact">False when <paramref name="Distinct"/> is an estimate (HyperLogLog, above 65,536 distinct values).</param>
/// <param name="NotNumbers">Values that are not numbers (counted for numeric columns).</param>
/// <param name="NotNumberExamples">A few of those values.</param>
/// <param name="Numeric">The numeric summary, when profiled as numeric.</param>
/// <param name="Categories">The most frequent values, when profiled as categorical or text.</param>
/// <param name="LabelRates">The label rate per bin (numeric) or category, with "missing" last; empty for the id and label columns.</param>
/// <param name="Note">Why the column was profiled the way it was, when that is not obvious.</param>
public sealed record ColumnProfile(
    string Name,
    string Role,
    string InferredType,
    string ProfiledAs,
    long Present,
    long Missing,
    long Distinct,
    bool DistinctIsExact,
    long NotNumbers,
    IReadOnlyList<string> NotNumberExamples,
    NumericSummary? Numeric,
    CategorySummary? Categories,
    IReadOnlyList<LabelRate> LabelRates,
    string? Note);
