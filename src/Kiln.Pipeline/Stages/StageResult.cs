namespace Kiln.Pipeline.Stages;

/// <summary>What a stage run produced.</summary>
/// <param name="Stage">The stage name as recorded in kiln.lock (e.g. "train").</param>
/// <param name="Outputs">Every output written, as repository-relative path to its sha256.</param>
/// <param name="Metrics">Numbers worth tracking (rows, metrics, rows per second); empty when there are none.</param>
/// <param name="Summary">A one-line summary for the console.</param>
public sealed record StageResult(
    string Stage,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, double> Metrics,
    string Summary);
