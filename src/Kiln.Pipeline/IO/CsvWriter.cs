using System.Text;

namespace Kiln.Pipeline.IO;

/// <summary>Writes RFC 4180 CSV rows, quoting only the fields that need it.</summary>
public static class CsvWriter
{
    /// <summary>Writes one row followed by "\n".</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="fields">The field values.</param>
    public static void WriteRow(TextWriter writer, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                writer.Write(',');
            }

            writer.Write(Escape(field));
            first = false;
        }

        writer.Write('\n');
    }

    /// <summary>Returns the field quoted when it holds a comma, quote or line break.</summary>
    /// <param name="field">The raw value.</param>
    public static string Escape(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return field;
        }

        var builder = new StringBuilder(field.Length + 2).Append('"');
        builder.Append(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        return builder.Append('"').ToString();
    }
}
