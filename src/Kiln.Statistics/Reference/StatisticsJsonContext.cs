using System.Text.Json.Serialization;

namespace Kiln.Statistics.Reference;

/// <summary>Source-generated JSON for the reference statistics, so trimmed and AOT builds of the service read them without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReferenceStatistics))]
internal sealed partial class StatisticsJsonContext : JsonSerializerContext;
