using System.Text.Json;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Tracking;

/// <summary>Reads what Features recorded about the raw data it used: its path, hash and row counts.</summary>
public static class DatasetLineageReader
{
    /// <summary>The lineage of the current features, or null before Features has run.</summary>
    /// <param name="context">The pipeline whose validation report to read.</param>
    public static DatasetLineage? Read(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!File.Exists(context.ValidationJson))
        {
            return null;
        }

        // The report holds the hash Features verified while reading, so lineage names the data the features came from
        // without hashing the raw file again.
        using var report = JsonDocument.Parse(File.ReadAllText(context.ValidationJson));
        var root = report.RootElement;
        var accepted = root.GetProperty("rows_accepted").GetInt64();
        return new DatasetLineage(
            root.GetProperty("file").GetString()!,
            root.GetProperty("sha256").GetString()!,
            accepted,
            root.GetProperty("rows_read").GetInt64() - accepted);
    }
}
