namespace Kiln.Serving.Contracts;

/// <summary>OIP description of one input or output tensor.</summary>
/// <param name="Name">The tensor name.</param>
/// <param name="Datatype">FP32, BYTES or BOOL.</param>
/// <param name="Shape">The shape; -1 is the batch dimension.</param>
public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);
