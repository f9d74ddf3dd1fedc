namespace Kiln.Registry.Runs;

/// <summary>The raw data a run consumed, pinned by hash.</summary>
/// <param name="Path">The raw file as the user named it (e.g. <c>data/01-raw/churn.csv</c>).</param>
/// <param name="Sha256">Lower-case hex sha256 of the file's bytes.</param>
/// <param name="RowsAccepted">Rows that passed validation.</param>
/// <param name="RowsRejected">Rows sent to quarantine.</param>
public sealed record DatasetLineage(string Path, string Sha256, long RowsAccepted, long RowsRejected);
