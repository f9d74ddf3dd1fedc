namespace Kiln.Pipeline.Schema;

/// <summary>Why a row was quarantined.</summary>
/// <param name="Line">The file line it started on.</param>
/// <param name="Kind">The reason's category, used for counting (e.g. "wrong_field_count").</param>
/// <param name="Reason">The full explanation naming the column and value.</param>
/// <param name="Raw">The row exactly as in the file.</param>
public sealed record RowRejection(long Line, string Kind, string Reason, string Raw);
