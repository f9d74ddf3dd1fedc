using System.Text.Json;
using Kiln.Inference;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Tracking;

/// <summary>Reads what Features recorded about the raw data: its path, hash and row counts.</summary>
public static class DatasetLineageReader
{
    /// <summary>The lineage of the current features, or null before Features has run.</summary>
    /// <param name="context">The pipeline whose validation report to read.</param>
    public static DatasetLineage? Read(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!File.Exists(context.ValidationJson) || !File.Exists(context.RawDataset))
        {
            return null;
        }

        using var report = JsonDocument.Parse(File.ReadAllText(context.ValidationJson));
        var root = report.RootElement;
        return new DatasetLineage(
            context.Relative(context.RawDataset),
            FileHash.Sha256(context.RawDataset),
            root.GetProperty("rows_accepted").GetInt64(),
            root.GetProperty("rows_read").GetInt64() - root.GetProperty("rows_accepted").GetInt64());
    }
}
