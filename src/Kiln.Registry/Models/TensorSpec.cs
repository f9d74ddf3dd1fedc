namespace Kiln.Registry.Models;

/// <summary>One named input or output of a model and its element type (e.g. <c>tenure</c>, <c>float32</c>).</summary>
/// <param name="Name">Column or tensor name as the ONNX model exposes it.</param>
/// <param name="Type">Element type, e.g. <c>float32</c>, <c>string</c>, <c>bool</c>.</param>
public sealed record TensorSpec(string Name, string Type);
