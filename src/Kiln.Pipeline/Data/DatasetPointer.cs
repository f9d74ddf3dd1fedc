using System.Text.Json;
using System.Text.Json.Serialization;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Data;

/// <summary>The small file committed beside the configuration that pins a remote raw dataset, the way a DVC <c>.dvc</c> file does: where it is, the sha256 its bytes must have, their size, and when they were pushed.</summary>
/// <param name="Uri">The object, <c>s3://bucket/key.csv</c>; it must equal <c>dataset.path</c>.</param>
/// <param name="Sha256">Lower-case hex sha256 of the object's bytes.</param>
/// <param name="Size">The object's length in bytes.</param>
/// <param name="PushedAt">When PushData uploaded these bytes.</param>
public sealed record DatasetPointer(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("pushed_at")] DateTimeOffset PushedAt)
{
    /// <summary>The pointer's file name for a dataset object named <paramref name="fileName"/>: <c>&lt;file&gt;.pointer.json</c>.</summary>
    public static string FileNameFor(string fileName) => fileName + ".pointer.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Reads and checks a pointer; every problem is a <see cref="DataValidationException"/> naming the file.</summary>
    /// <param name="path">The pointer file.</param>
    /// <param name="name">The file as shown in messages (repository-relative).</param>
    public static DatasetPointer Load(string path, string name)
    {
        DatasetPointer? pointer;
        try
        {
            pointer = JsonSerializer.Deserialize<DatasetPointer>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new DataValidationException($"{name}: not a dataset pointer (line {e.LineNumber + 1}): {e.Message}", e);
        }

        var problem = pointer switch
        {
            null => "empty",
            { Uri: null or "" } => "'uri' is missing",
            { Sha256: var sha } when sha is null || sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower) => "'sha256' must be 64 lower-case hex digits",
            { Size: < 0 } => "'size' must not be negative",
            _ => null,
        };
        return problem is null ? pointer! : throw new DataValidationException($"{name}: {problem} (expected uri, sha256, size and pushed_at, as PushData writes them)");
    }

    /// <summary>Writes the pointer atomically, as indented JSON that reviews well in a diff.</summary>
    /// <param name="path">The pointer file.</param>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
}
