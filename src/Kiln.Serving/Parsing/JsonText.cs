using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Kiln.Serving.Parsing;

/// <summary>The one place the request readers decode JSON strings, describe values for error messages and report malformed JSON.</summary>
internal static class JsonText
{
    private const int MaxShown = 40;

    /// <summary>Describes the reader's current value for an error message: <c>"abc"</c>, <c>12</c>, <c>null</c>, <c>an object</c>.</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => GetString(ref reader, out var problem) is { } text ? "\"" + Shorten(text) + "\"" : $"a string that {problem}",
        JsonTokenType.Null => "null",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => Shorten(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan)),
    };

    /// <summary>Decodes the current string or property name; null, with why in <paramref name="problem"/>, when it is not valid text.</summary>
    /// <remarks>
    /// Valid JSON syntax can still be invalid text: bytes that are not UTF-8, or an escaped lone surrogate such as <c>"\ud800"</c>,
    /// which has no UTF-16 string. The reader throws for both; every reader decodes through here so both become a 400.
    /// </remarks>
    /// <param name="reader">A reader positioned on a string or a property name.</param>
    /// <param name="problem">Why the text is invalid, phrased to follow "a string that".</param>
    public static string? GetString(ref Utf8JsonReader reader, out string? problem)
    {
        try
        {
            problem = null;
            return reader.GetString();
        }
        catch (InvalidOperationException e) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            problem = e.InnerException is DecoderFallbackException
                ? "is not valid UTF-8"
                : "holds an unpaired UTF-16 surrogate escape (\\ud800-\\udfff without its pair)";
            return null;
        }
    }

    /// <summary>Decodes the current string or property name, or rejects the request naming <paramref name="field"/>.</summary>
    /// <param name="reader">A reader positioned on a string or a property name.</param>
    /// <param name="field">What the value is, for the message: <c>'id'</c>, <c>inputs[2].name</c>.</param>
    public static string ReadString(ref Utf8JsonReader reader, string field) =>
        GetString(ref reader, out var problem) ?? throw InvalidText(field, problem!);

    /// <summary>Rejects an escaped property name that does not decode, so matching names by bytes afterwards cannot throw.</summary>
    /// <param name="reader">A reader positioned on a property name.</param>
    /// <param name="where">Where the name is, for the message: <c>row 3</c>, <c>inputs[0]</c>.</param>
    public static void CheckName(ref Utf8JsonReader reader, string where)
    {
        // Only escaped names are decoded when compared; plain ones are compared as bytes and never throw.
        if (reader.ValueIsEscaped && GetString(ref reader, out var problem) is null)
        {
            throw InvalidText($"{where}: a key", problem!);
        }
    }

    /// <summary>The 400 for a string that is not valid text.</summary>
    /// <param name="field">What the value is.</param>
    /// <param name="problem">Why, as returned by <see cref="GetString(ref Utf8JsonReader, out string?)"/>.</param>
    public static RequestRejectedException InvalidText(string field, string problem) =>
        new(StatusCodes.Status400BadRequest, $"{field} is a string that {problem}");

    /// <summary>A client-supplied string for an error message: quoted and cut to a readable length.</summary>
    /// <param name="text">The text.</param>
    public static string Quote(string? text) => "'" + Shorten(text ?? "") + "'";

    /// <summary>Turns the reader's exception into a 400 naming the line and byte where the JSON broke.</summary>
    public static RequestRejectedException Malformed(JsonException e)
    {
        // The reader's message ends with its own zero-based "LineNumber: 0 | BytePositionInLine: 5."; report one-based instead.
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return new RequestRejectedException(
            StatusCodes.Status400BadRequest,
            $"malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {reason}");
    }

    private static string Shorten(string text)
    {
        if (text.Length <= MaxShown)
        {
            return text;
        }

        // Never cut between the two halves of a surrogate pair: the message would end in half a character.
        var length = char.IsHighSurrogate(text[MaxShown - 1]) ? MaxShown - 1 : MaxShown;
        return text[..length] + "…";
    }
}
