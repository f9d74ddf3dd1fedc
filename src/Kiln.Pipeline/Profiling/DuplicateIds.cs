namespace Kiln.Pipeline.Profiling;

/// <summary>Values of the id column that occur on more than one well-formed record.</summary>
/// <param name="Column">The id column.</param>
/// <param name="DuplicatedValues">How many id values occur more than once.</param>
/// <param name="ExtraRows">Rows beyond the first of each duplicated id.</param>
/// <param name="Examples">Up to ten duplicated ids with their counts, most frequent first.</param>
public sealed record DuplicateIds(string Column, long DuplicatedValues, long ExtraRows, IReadOnlyList<CategoryCount> Examples);
