using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Kiln.Serving.Parsing;

/// <summary>Helpers shared by the request readers for error messages and malformed-JSON positions.</summary>
internal static class JsonText
{
    private const int MaxShown = 40;

    /// <summary>Describes the reader's current value for an error message: <c>"abc"</c>, <c>12</c>, <c>null</c>, <c>an object</c>.</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "\"" + Shorten(GetString(ref reader) ?? "(invalid UTF-8)") + "\"",
        JsonTokenType.Null => "null",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => Shorten(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan)),
    };

    /// <summary>Returns the current string or property name, or null when its bytes are not valid UTF-8.</summary>
    public static string? GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            return null;
        }
    }

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

    private static string Shorten(string text) => text.Length <= MaxShown ? text : text[..MaxShown] + "…";
}
