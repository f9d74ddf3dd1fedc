using Kiln.Pipeline.Stages;

namespace Kiln.Pipeline.Onnx;

/// <summary>The exported ONNX model disagrees with the ML.NET model beyond the tolerance.</summary>
/// <param name="message">The explanation naming the worst row's id and both probabilities.</param>
/// <param name="metrics">The parity figures measured, empty when the check could not compare the rows at all.</param>
public sealed class ParityException(string message, IReadOnlyDictionary<string, double>? metrics = null)
    : MeasuredFailureException(message, metrics ?? new Dictionary<string, double>());
