using System.Text.Json.Serialization;

namespace Kiln.Serving.Drift;

/// <summary>Source-generated JSON for the drift report, in the API's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DriftResponse))]
internal sealed partial class DriftJsonContext : JsonSerializerContext;
