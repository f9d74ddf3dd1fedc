using System.Text.Json;

namespace Kiln.Statistics.Reference;

/// <summary>The distribution of every training feature over its bins, carried inside the model so the service can measure drift against it.</summary>
/// <param name="Version">The format version (<see cref="CurrentVersion"/>).</param>
/// <param name="Rows">How many training rows were counted.</param>
/// <param name="Features">One entry per model input, in model input order.</param>
public sealed record ReferenceStatistics(int Version, long Rows, IReadOnlyList<FeatureReference> Features)
{
    /// <summary>The format version written by this code.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The key of the ONNX model's metadata_props entry that holds the JSON.</summary>
    public const string MetadataKey = "kiln.reference_statistics";

    /// <summary>Serialises to compact JSON; the same statistics always give the same bytes, so the model stays reproducible.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, StatisticsJsonContext.Default.ReferenceStatistics);

    /// <summary>Reads and checks JSON written by <see cref="ToJson"/>; throws <see cref="ReferenceStatisticsException"/> saying what is wrong.</summary>
    /// <param name="json">The JSON text.</param>
    public static ReferenceStatistics Parse(string json)
    {
        ReferenceStatistics? statistics;
        try
        {
            statistics = JsonSerializer.Deserialize(json, StatisticsJsonContext.Default.ReferenceStatistics);
        }
        catch (JsonException e)
        {
            throw new ReferenceStatisticsException($"reference statistics are not valid JSON: {e.Message}", e);
        }

        if (statistics is null)
        {
            throw new ReferenceStatisticsException("reference statistics are empty (JSON null)");
        }

        if (statistics.Version != CurrentVersion)
        {
            throw new ReferenceStatisticsException(
                $"reference statistics have format version {statistics.Version}; this Kiln reads version {CurrentVersion}");
        }

        if (statistics.Features is null || statistics.Features.Count == 0)
        {
            throw new ReferenceStatisticsException("reference statistics list no feature");
        }

        foreach (var feature in statistics.Features)
        {
            if (feature is null || string.IsNullOrEmpty(feature.Name))
            {
                throw new ReferenceStatisticsException("reference statistics: a feature has no name");
            }

            feature.ToBins();
        }

        return statistics;
    }
}
