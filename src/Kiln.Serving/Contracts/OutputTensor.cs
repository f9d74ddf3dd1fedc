using System.Text.Json.Serialization;

namespace Kiln.Serving.Contracts;

/// <summary>One OIP output tensor; the concrete type carries typed data.</summary>
/// <param name="Name">The output name (PredictedLabel, Probability or Score).</param>
/// <param name="Datatype">BOOL or FP32.</param>
/// <param name="Shape">[rows, 1].</param>
[JsonPolymorphic]
[JsonDerivedType(typeof(FloatOutputTensor))]
[JsonDerivedType(typeof(BoolOutputTensor))]
public abstract record OutputTensor(string Name, string Datatype, IReadOnlyList<long> Shape);
