namespace Kiln.Serving.Tests.Fuzzing;

/// <summary>One generated request and what must hold for its answer.</summary>
/// <param name="Number">The case's position in the seeded sequence, to find it again.</param>
/// <param name="Class">The mutation class that made it.</param>
/// <param name="Description">What was done to the valid request.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path.</param>
/// <param name="ContentType">The Content-Type header sent as is, or null for none.</param>
/// <param name="Body">The body bytes.</param>
/// <param name="Expected">When set, the request is still valid and must score exactly these probabilities.</param>
/// <param name="Raw">When set, the whole HTTP/1.1 exchange is sent as these bytes over a socket instead.</param>
/// <param name="Headers">Extra request headers.</param>
public sealed record FuzzCase(
    int Number,
    MutationClass Class,
    string Description,
    string Method,
    string Path,
    string? ContentType,
    byte[] Body,
    IReadOnlyList<float>? Expected = null,
    RawExchange? Raw = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var body = Body.Length <= 300 ? System.Text.Encoding.UTF8.GetString(Body) : System.Text.Encoding.UTF8.GetString(Body, 0, 300) + $"… ({Body.Length} bytes)";
        return $"case {Number} ({Class}: {Description}) {Method} {Path} [{ContentType ?? "no Content-Type"}] {body}";
    }
}
