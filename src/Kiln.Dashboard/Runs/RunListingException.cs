namespace Kiln.Dashboard.Runs;

/// <summary>A runs-page request that cannot be answered; the message names the field and what is wrong.</summary>
/// <param name="message">What is wrong.</param>
/// <param name="filterPosition">The 1-based position in the filter, when the filter is at fault.</param>
public sealed class RunListingException(string message, int? filterPosition = null) : Exception(message)
{
    /// <summary>The 1-based position in the filter text, when the filter is at fault.</summary>
    public int? FilterPosition { get; } = filterPosition;
}
