using System.Text;

namespace Kiln.Inference;

/// <summary>Adds entries to a serialised ONNX model's metadata_props without an ONNX or protobuf library.</summary>
/// <remarks>
/// ModelProto field 14 is <c>repeated StringStringEntryProto metadata_props</c> (key = 1, value = 2). Protobuf parsers merge
/// fields that appear later in a message, so appending one encoded field to the bytes adds an entry; ONNX Runtime then
/// exposes it through <c>ModelMetadata.CustomMetadataMap</c>. The rest of the model is untouched and stays byte-reproducible.
/// </remarks>
public static class OnnxMetadata
{
    private const int MetadataPropsField = 14;
    private const int KeyField = 1;
    private const int ValueField = 2;
    private const int LengthDelimited = 2;

    /// <summary>Returns the model bytes with one more metadata_props entry.</summary>
    /// <param name="model">A serialised ModelProto.</param>
    /// <param name="key">The entry's key.</param>
    /// <param name="value">The entry's value.</param>
    public static byte[] Append(ReadOnlySpan<byte> model, string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        using var entry = new MemoryStream();
        WriteField(entry, KeyField, Encoding.UTF8.GetBytes(key));
        WriteField(entry, ValueField, Encoding.UTF8.GetBytes(value));
        using var result = new MemoryStream(model.Length + (int)entry.Length + 16);
        result.Write(model);
        WriteField(result, MetadataPropsField, entry.ToArray());
        return result.ToArray();
    }

    private static void WriteField(Stream stream, int field, byte[] payload)
    {
        WriteVarint(stream, (ulong)((field << 3) | LengthDelimited));
        WriteVarint(stream, (ulong)payload.Length);
        stream.Write(payload);
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
