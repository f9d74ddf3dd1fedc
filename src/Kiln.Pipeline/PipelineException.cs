namespace Kiln.Pipeline;

/// <summary>A user error in the pipeline whose message alone tells the user what was wrong and where.</summary>
/// <param name="message">The complete, user-facing explanation.</param>
public class PipelineException(string message) : Exception(message);
