namespace Kiln.Inference;

/// <summary>Raised when a model file is missing, fails its checksum, is not ONNX or has inputs Kiln cannot feed.</summary>
/// <param name="message">What was wrong, naming the file.</param>
public sealed class ModelLoadException(string message) : Exception(message);
