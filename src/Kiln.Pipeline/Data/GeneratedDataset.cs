namespace Kiln.Pipeline.Data;

/// <summary>The files a dataset generator wrote.</summary>
/// <param name="CsvPath">The dataset CSV.</param>
/// <param name="OraclePath">The id,true_probability side file.</param>
/// <param name="MetadataPath">metadata.json (source, generator, seed, rows, sha256).</param>
/// <param name="Sha256">The dataset CSV's sha256.</param>
/// <param name="Rows">Data rows written, malformed ones included.</param>
/// <param name="PositiveRate">The fraction of well-formed rows labelled positive.</param>
public sealed record GeneratedDataset(string CsvPath, string OraclePath, string MetadataPath, string Sha256, int Rows, double PositiveRate);
