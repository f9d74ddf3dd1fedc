namespace Kiln.Registry.Queries;

/// <summary>A run filter that cannot be read; the message says what is wrong and at which position.</summary>
/// <param name="message">What is wrong, with its 1-based position.</param>
/// <param name="position">The 1-based character position of the problem in the filter.</param>
public sealed class RunFilterException(string message, int position) : RegistryException(message)
{
    /// <summary>The 1-based character position of the problem in the filter text.</summary>
    public int Position { get; } = position;
}
