using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kiln.Registry.Runs;

/// <summary>The ROC and precision–recall curves an evaluation run recorded (as the run artifact <see cref="FileName"/>), thinned so a hundred of them overlay quickly.</summary>
/// <param name="Roc">(false positive rate, true positive rate) from (0,0) to (1,1).</param>
/// <param name="PrecisionRecall">(recall, precision) in order of decreasing threshold.</param>
public sealed record RunCurves(IReadOnlyList<CurvePoint> Roc, IReadOnlyList<CurvePoint> PrecisionRecall)
{
    /// <summary>The artifact's file name.</summary>
    public const string FileName = "curves.json";

    /// <summary>The most points a curve keeps; at this many a 640-pixel chart shows no difference from the full curve.</summary>
    public const int MaxPoints = 400;

    /// <summary>Curves from full-resolution points, each thinned to at most <see cref="MaxPoints"/> points that keep its shape.</summary>
    public static RunCurves From(IEnumerable<CurvePoint> roc, IEnumerable<CurvePoint> precisionRecall) =>
        new(Thin([.. roc], MaxPoints), Thin([.. precisionRecall], MaxPoints));

    /// <summary>The curves as compact JSON: <c>{"roc":[[x,y],…],"precision_recall":[[x,y],…]}</c>.</summary>
    public string ToJson()
    {
        var json = new StringBuilder("{\"roc\":");
        Append(json, Roc);
        json.Append(",\"precision_recall\":");
        Append(json, PrecisionRecall);
        return json.Append("}\n").ToString();
    }

    /// <summary>Reads curves written by <see cref="ToJson"/>; malformed content is a <see cref="RegistryException"/> naming <paramref name="source"/>.</summary>
    public static RunCurves Parse(ReadOnlySpan<byte> utf8Json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            return new RunCurves(Points(document.RootElement, "roc", source), Points(document.RootElement, "precision_recall", source));
        }
        catch (JsonException e)
        {
            throw new RegistryException($"{source} is not valid curves JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static List<CurvePoint> Points(JsonElement root, string name, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new RegistryException($"{source} has no '{name}' array of [x, y] points.");
        }

        var points = new List<CurvePoint>(array.GetArrayLength());
        var index = 0;
        foreach (var point in array.EnumerateArray())
        {
            if (point is not { ValueKind: JsonValueKind.Array } || point.GetArrayLength() != 2
                || point[0].ValueKind != JsonValueKind.Number || point[1].ValueKind != JsonValueKind.Number)
            {
                throw new RegistryException($"{source}: '{name}' point {index} is not an [x, y] pair of numbers.");
            }

            points.Add(new CurvePoint(point[0].GetDouble(), point[1].GetDouble()));
            index++;
        }

        return points;
    }

    /// <summary>At most <paramref name="maxPoints"/> (at least 2) of <paramref name="points"/> that keep the curve's shape: a point is kept once the curve has moved far enough from the last kept one, and both ends always are.</summary>
    public static IReadOnlyList<CurvePoint> Thin(IReadOnlyList<CurvePoint> points, int maxPoints)
    {
        maxPoints = Math.Max(2, maxPoints);
        if (points.Count <= maxPoints)
        {
            return points;
        }

        for (var step = 0.002; ; step *= 1.5)
        {
            var kept = new List<CurvePoint> { points[0] };
            for (var i = 1; i < points.Count - 1; i++)
            {
                var last = kept[^1];
                if (Math.Abs(points[i].X - last.X) + Math.Abs(points[i].Y - last.Y) >= step)
                {
                    kept.Add(points[i]);
                }
            }

            kept.Add(points[^1]);
            if (kept.Count <= maxPoints)
            {
                return kept;
            }
        }
    }

    private static void Append(StringBuilder json, IReadOnlyList<CurvePoint> points)
    {
        json.Append('[');
        for (var i = 0; i < points.Count; i++)
        {
            json.Append(i == 0 ? "[" : ",[")
                .Append(Math.Round(points[i].X, 5).ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(Math.Round(points[i].Y, 5).ToString("R", CultureInfo.InvariantCulture)).Append(']');
        }

        json.Append(']');
    }
}
