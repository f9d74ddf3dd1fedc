using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.Pipeline.Profiling;

/// <summary>Writes NaN (a figure that does not exist, e.g. the mean of an empty column) as JSON null and reads null back as NaN.</summary>
internal sealed class NullForNaNConverter : JsonConverter<double>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(Math.Round(value, 6));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
