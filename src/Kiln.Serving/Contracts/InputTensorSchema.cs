using System.Text.Json;

namespace Kiln.Serving.Contracts;

/// <summary>One OIP input tensor as documented in OpenAPI.</summary>
/// <param name="Name">The model input name.</param>
/// <param name="Shape">[rows, 1] or [rows].</param>
/// <param name="Datatype">FP32 for numeric inputs, BYTES for categorical ones.</param>
/// <param name="Data">Row-major values (numbers or null for FP32, strings for BYTES).</param>
public sealed record InputTensorSchema(string Name, IReadOnlyList<long> Shape, string Datatype, IReadOnlyList<JsonElement> Data);
