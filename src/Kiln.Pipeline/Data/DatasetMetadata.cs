using System.Text.Json;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Data;

/// <summary>metadata.json next to a raw dataset: where it came from and the sha256 Features verifies before reading.</summary>
/// <param name="Source">A description of where the data came from.</param>
/// <param name="Generator">The generator and its version, when the data is synthetic.</param>
/// <param name="Seed">The generator seed.</param>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="File">The dataset file name.</param>
/// <param name="Sha256">The dataset file's sha256.</param>
/// <param name="Oracle">The side file with the true probabilities, if any.</param>
public sealed record DatasetMetadata(string Source, string? Generator, int? Seed, int Rows, string File, string Sha256, string? Oracle)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Reads metadata.json, or returns null when there is none.</summary>
    /// <param name="path">The file.</param>
    public static DatasetMetadata? TryLoad(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DatasetMetadata>(System.IO.File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new DataValidationException($"{path}: invalid metadata: {e.Message}", e);
        }
    }

    /// <summary>Writes metadata.json atomically.</summary>
    /// <param name="path">The file.</param>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
}
