namespace Kiln.Pipeline.IO;

/// <summary>One CSV record as read from a file.</summary>
/// <param name="Line">The 1-based file line where the record starts.</param>
/// <param name="LineCount">How many physical lines the record occupies (more than one when a quoted field spans lines).</param>
/// <param name="Fields">The unquoted field values; not to be trusted when <paramref name="Error"/> is set, and empty for a resynchronised line.</param>
/// <param name="Raw">The record's text exactly as in the file, without the line break that ends it.</param>
/// <param name="Error">Why the record could not be parsed (e.g. text after a closing quote), or null.</param>
public sealed record CsvRecord(long Line, int LineCount, string[] Fields, string Raw, string? Error);
