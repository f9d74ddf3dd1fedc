namespace Kiln.Serving.Parsing;

/// <summary>A client mistake, turned into a 4xx response with <see cref="Exception.Message"/> as the error.</summary>
/// <param name="statusCode">The HTTP status to answer with (400, 404, 413, 415).</param>
/// <param name="message">What was wrong, naming the field and the row.</param>
public sealed class RequestRejectedException(int statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; } = statusCode;
}
