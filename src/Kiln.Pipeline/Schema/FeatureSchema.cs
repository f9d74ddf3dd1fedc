using System.Text.Json;
using System.Text.Json.Serialization;
using Kiln.Inference;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Schema;

/// <summary>The single definition of the model's inputs shared by training, evaluation, batch prediction and serving (features.json).</summary>
/// <param name="Id">The id column carried alongside predictions.</param>
/// <param name="Label">The label column.</param>
/// <param name="Positive">The label value of the positive class.</param>
/// <param name="Negative">The label value of the negative class.</param>
/// <param name="Features">The feature columns in model input order.</param>
public sealed record FeatureSchema(string Id, string Label, string Positive, string Negative, IReadOnlyList<FeatureColumn> Features)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The numeric feature columns, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Numeric => [.. Features.Where(f => f.Kind == FeatureKind.Numeric).Select(f => f.Name)];

    /// <summary>The categorical feature columns, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Categorical => [.. Features.Where(f => f.Kind == FeatureKind.Categorical).Select(f => f.Name)];

    /// <summary>Builds the schema from the dataset section: numeric columns first, then categorical, each in config order.</summary>
    /// <param name="dataset">The validated dataset configuration.</param>
    public static FeatureSchema From(DatasetConfig dataset) => new(
        dataset.Id,
        dataset.Label.Column,
        dataset.Label.Positive,
        dataset.Label.Negative,
        [
            .. dataset.Numeric.Select(name => new FeatureColumn(name, FeatureKind.Numeric)),
            .. dataset.Categorical.Select(name => new FeatureColumn(name, FeatureKind.Categorical)),
        ]);

    /// <summary>Reads features.json written by the Features stage.</summary>
    /// <param name="path">The file.</param>
    public static FeatureSchema Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new PipelineException($"{path}: feature list not found; run the Features stage first");
        }

        try
        {
            return JsonSerializer.Deserialize<FeatureSchema>(File.ReadAllText(path), Json)
                ?? throw new PipelineException($"{path}: empty feature list");
        }
        catch (JsonException e)
        {
            throw new PipelineException($"{path}: invalid feature list: {e.Message}", e);
        }
    }

    /// <summary>Writes the schema as features.json, atomically.</summary>
    /// <param name="path">The file.</param>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The clean-file column order: id, the features, then the label.</summary>
    public IReadOnlyList<string> CleanColumns() => [Id, .. Features.Select(f => f.Name), Label];
}
