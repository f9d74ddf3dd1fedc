using System.Text.Json.Serialization;

namespace Kiln.Serving.Contracts;

/// <summary>Source-generated JSON for every response, in OIP's snake_case, so no reflection runs per request or at startup.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(PredictResult[]))]
[JsonSerializable(typeof(ServerMetadataResponse))]
[JsonSerializable(typeof(ModelMetadataResponse))]
[JsonSerializable(typeof(LiveResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(InferResponse))]
[JsonSerializable(typeof(InferRequestSchema))]
[JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>[]))]
public sealed partial class ServingJsonContext : JsonSerializerContext;
