namespace Kiln.Pipeline;

/// <summary>A user error in the pipeline whose message alone tells the user what was wrong and where.</summary>
/// <param name="message">The complete, user-facing explanation.</param>
/// <param name="innerException">The failure this one adds context to, kept for diagnosis; null when there is none.</param>
public class PipelineException(string message, Exception? innerException = null) : Exception(message, innerException);
