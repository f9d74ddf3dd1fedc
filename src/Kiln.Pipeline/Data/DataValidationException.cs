namespace Kiln.Pipeline.Data;

/// <summary>The data does not match the configured schema (missing column, too many rejected rows, changed raw file).</summary>
/// <param name="message">The complete explanation naming the file, column or line.</param>
/// <param name="innerException">The failure this one adds context to, or null.</param>
public sealed class DataValidationException(string message, Exception? innerException = null) : PipelineException(message, innerException);
