namespace Kiln.Pipeline.Configuration;

/// <summary>A configuration file is invalid; the message names the file, line and key.</summary>
/// <param name="message">The complete explanation, e.g. "config/local.yaml:12: unknown key 'trainer.learning_rat'".</param>
/// <param name="innerException">The parser's failure this one adds context to, or null.</param>
public sealed class ConfigException(string message, Exception? innerException = null) : PipelineException(message, innerException);
