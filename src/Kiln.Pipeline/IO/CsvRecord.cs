namespace Kiln.Pipeline.IO;

/// <summary>One CSV record as read from a file.</summary>
/// <param name="Line">The 1-based file line where the record starts.</param>
/// <param name="Fields">The unquoted field values.</param>
/// <param name="Raw">The record's text exactly as in the file, without the line break.</param>
/// <param name="Error">Why the record could not be parsed (e.g. an unterminated quote), or null.</param>
public sealed record CsvRecord(long Line, string[] Fields, string Raw, string? Error);
