namespace Kiln.Pipeline.Profiling;

/// <summary>The label column's balance over the well-formed records.</summary>
/// <param name="Column">The label column.</param>
/// <param name="Positive">The positive value.</param>
/// <param name="Negative">The negative value.</param>
/// <param name="Positives">Records labelled positive.</param>
/// <param name="Negatives">Records labelled negative.</param>
/// <param name="Invalid">Records whose label is neither value (left out of every label rate).</param>
/// <param name="Rate">The positive rate with its 95 % Wilson interval.</param>
public sealed record LabelSummary(string Column, string Positive, string Negative, long Positives, long Negatives, long Invalid, LabelRate Rate);
