namespace Kiln.Serving.Contracts;

/// <summary>An FP32 output tensor.</summary>
/// <param name="Name">The output name.</param>
/// <param name="Shape">[rows, 1].</param>
/// <param name="Data">Row-major values.</param>
public sealed record FloatOutputTensor(string Name, IReadOnlyList<long> Shape, float[] Data) : OutputTensor(Name, "FP32", Shape);
