namespace Kiln.Pipeline.Onnx;

/// <summary>The exported ONNX model disagrees with the ML.NET model beyond the tolerance.</summary>
/// <param name="message">The explanation naming the worst row's id and both probabilities.</param>
public sealed class ParityException(string message) : PipelineException(message);
