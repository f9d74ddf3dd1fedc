using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiln.Inference;

namespace Kiln.Serving.Benchmarks;

/// <summary>The real model and the first rows of the held-out features CSV, as a /predict body.</summary>
/// <param name="ModelPath">The .onnx file (<c>KILN_MODEL</c>, default artifacts/model/model.onnx).</param>
/// <param name="RowsPath">The features CSV (<c>KILN_ROWS</c>, default data/03-features/test.csv).</param>
public sealed record BenchmarkData(string ModelPath, string RowsPath)
{
    /// <summary>Finds the files from the environment or the repository; a clear error when the lifecycle has not run.</summary>
    public static BenchmarkData Locate()
    {
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
        var data = new BenchmarkData(
            Environment.GetEnvironmentVariable("KILN_MODEL") is { Length: > 0 } model ? model : Path.Combine(root, "artifacts", "model", "model.onnx"),
            Environment.GetEnvironmentVariable("KILN_ROWS") is { Length: > 0 } rows ? rows : Path.Combine(root, "data", "03-features", "test.csv"));
        foreach (var file in new[] { data.ModelPath, data.RowsPath }.Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"{file} does not exist: run ./build.sh Train first, or set KILN_MODEL and KILN_ROWS", file);
        }

        return data;
    }

    /// <summary>A /predict body with the first <paramref name="rows"/> rows of the CSV, typed as the model's inputs.</summary>
    /// <param name="model">The loaded model, for input names and kinds.</param>
    /// <param name="rows">How many rows.</param>
    public byte[] PredictBody(OnnxModel model, int rows)
    {
        using var lines = File.ReadLines(RowsPath).GetEnumerator();
        lines.MoveNext();
        var header = SplitCsv(lines.Current);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var r = 0; r < rows && lines.MoveNext(); r++)
            {
                var fields = SplitCsv(lines.Current);
                json.WriteStartObject();
                foreach (var input in model.Inputs)
                {
                    var text = fields[header.IndexOf(input.Name)];
                    if (input.Kind == FeatureKind.Categorical)
                    {
                        json.WriteString(input.Name, text);
                    }
                    else if (text.Length == 0)
                    {
                        json.WriteNull(input.Name);
                    }
                    else
                    {
                        json.WriteNumber(input.Name, float.Parse(text, CultureInfo.InvariantCulture));
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static List<string> SplitCsv(string line)
    {
        // The features CSV quotes fields that contain commas ("Paris, FR") and doubles embedded quotes.
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Solution.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
