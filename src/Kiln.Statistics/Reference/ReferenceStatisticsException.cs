namespace Kiln.Statistics.Reference;

/// <summary>Reference statistics that cannot be read: malformed JSON, an unknown format version, or bins and counts that do not match.</summary>
public sealed class ReferenceStatisticsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReferenceStatisticsException()
    {
    }

    /// <summary>Creates the exception with a message naming what is wrong.</summary>
    /// <param name="message">The message.</param>
    public ReferenceStatisticsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error it explains.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ReferenceStatisticsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
