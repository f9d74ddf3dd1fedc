namespace Kiln.Serving.Contracts;

/// <summary>A BOOL output tensor.</summary>
/// <param name="Name">The output name.</param>
/// <param name="Shape">[rows, 1].</param>
/// <param name="Data">Row-major values.</param>
public sealed record BoolOutputTensor(string Name, IReadOnlyList<long> Shape, bool[] Data) : OutputTensor(Name, "BOOL", Shape);
