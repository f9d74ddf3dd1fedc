using System.Text.Json;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Profiling;

/// <summary>Everything the profile found in the raw data; written as profile.json and rendered as profile.html.</summary>
/// <param name="File">The profiled file, repository-relative.</param>
/// <param name="Sha256">The file's sha256.</param>
/// <param name="Records">Data records read (header excluded, blank lines skipped).</param>
/// <param name="MalformedRecords">Records with the wrong number of fields or broken quoting, left out of the column statistics.</param>
/// <param name="AcceptedRows">Rows the Features stage would accept (the rows the split and the drift table use).</param>
/// <param name="RejectedByReason">Rows the Features stage would quarantine, by reason.</param>
/// <param name="SampleRows">How many rows the uniform sample behind quantiles, correlations, associations and leakage holds.</param>
/// <param name="SampleIsComplete">True when the sample holds every row, so those figures are exact.</param>
/// <param name="Label">The label's balance.</param>
/// <param name="Columns">One profile per CSV column, in file order.</param>
/// <param name="Correlations">Pearson correlations of the numeric columns and the label.</param>
/// <param name="Associations">Cramér's V between the categorical columns and the label.</param>
/// <param name="Duplicates">Repeated values of the id column.</param>
/// <param name="ConstantColumns">Columns with at most one distinct non-missing value.</param>
/// <param name="Leakage">Single-column ROC AUC against the label, highest first; suspects are marked.</param>
/// <param name="Drift">Train-versus-test population stability per feature.</param>
/// <param name="Warnings">Everything worth a look, one sentence each.</param>
public sealed record DatasetProfile(
    string File,
    string Sha256,
    long Records,
    long MalformedRecords,
    long AcceptedRows,
    IReadOnlyDictionary<string, long> RejectedByReason,
    int SampleRows,
    bool SampleIsComplete,
    LabelSummary Label,
    IReadOnlyList<ColumnProfile> Columns,
    MatrixTable Correlations,
    MatrixTable Associations,
    DuplicateIds Duplicates,
    IReadOnlyList<string> ConstantColumns,
    IReadOnlyList<LeakageCheck> Leakage,
    DriftReport Drift,
    IReadOnlyList<string> Warnings)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A figure that does not exist (the mean of an empty column) is NaN in memory and null in the file.
        Converters = { new NullForNaNConverter() },
    };

    /// <summary>Writes profile.json atomically.</summary>
    /// <param name="path">The file.</param>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a profile.json written by <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    public static DatasetProfile Load(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new PipelineException($"{path}: profile not found; run ./build.sh Profile first");
        }

        try
        {
            return JsonSerializer.Deserialize<DatasetProfile>(System.IO.File.ReadAllText(path), Json)
                ?? throw new PipelineException($"{path}: empty profile");
        }
        catch (JsonException e)
        {
            throw new PipelineException($"{path}: invalid profile: {e.Message}");
        }
    }
}
