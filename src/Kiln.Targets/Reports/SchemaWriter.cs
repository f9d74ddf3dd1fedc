using System.Text;
using System.Text.Json;
using Kiln.Targets.Engine;
using Kiln.Targets.Parameters;

namespace Kiln.Targets.Reports;

/// <summary>Generates <c>.nuke/build.schema.json</c> so editors validate parameters.json; rewrites it only when it changed.</summary>
internal static class SchemaWriter
{
    public static string Render(TargetGraph graph, IReadOnlyList<ParameterMember> parameters)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-04/schema#");
            json.WriteString("title", "Build Schema");
            json.WriteString("description", "Parameters of the Kiln build: .nuke/parameters.json and .nuke/parameters.<profile>.json");
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteEndObject();
            var targets = graph.Targets.Where(t => !t.Definition.IsUnlisted).Select(t => t.Name).ToList();
            foreach (var parameter in parameters)
            {
                json.WriteStartObject(parameter.MemberName);
                if (parameter.Description is { } description)
                {
                    json.WriteString("description", parameter.IsSecret ? description + " (secret)" : description);
                }

                if (parameter.IsArray)
                {
                    json.WriteString("type", "array");
                    json.WriteStartObject("items");
                    WriteType(json, parameter);
                    json.WriteEndObject();
                }
                else
                {
                    WriteType(json, parameter);
                }

                json.WriteEndObject();
            }

            foreach (var (name, description) in new[] { ("Target", "Targets to run"), ("Skip", "Targets to skip") })
            {
                json.WriteStartObject(name);
                json.WriteString("description", description);
                json.WriteString("type", "array");
                json.WriteStartObject("items");
                json.WriteString("type", "string");
                WriteEnum(json, targets);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteBoolean("additionalProperties", false);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Writes the schema atomically when its content differs; returns whether it wrote.</summary>
    public static bool WriteIfChanged(AbsolutePath path, string schema)
    {
        if (File.Exists(path) && File.ReadAllText(path) == schema)
        {
            return false;
        }

        path.Parent!.CreateDirectory();
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, schema);
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    private static void WriteType(Utf8JsonWriter json, ParameterMember parameter)
    {
        var type = parameter.ValueType;
        var nullable = !parameter.IsArray && (Nullable.GetUnderlyingType(parameter.Type) is not null || !parameter.Type.IsValueType);
        var jsonType = type == typeof(bool) ? "boolean"
            : type == typeof(int) || type == typeof(long) ? "integer"
            : type == typeof(double) ? "number"
            : "string";
        if (nullable && !parameter.IsArray)
        {
            json.WriteStartArray("type");
            json.WriteStringValue(jsonType);
            json.WriteStringValue("null");
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("type", jsonType);
        }

        if (type.IsEnum)
        {
            WriteEnum(json, Enum.GetNames(type));
        }
    }

    private static void WriteEnum(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray("enum");
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
