using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Kiln.Dashboard.Charts;

/// <summary>Draws curves and points as inline SVG on the server: no script, no network, readable without colour (dashes, marker shapes and numbered lines).</summary>
public static class LineChart
{
    private const double Width = 560;
    private const double Height = 440;
    private const double Left = 58;
    private const double Right = 16;
    private const double Top = 34;
    private const double Bottom = 52;
    private const int MaxNumberedSeries = 20;

    /// <summary>The chart as an accessible <c>svg</c> element (role img, title and description).</summary>
    /// <param name="id">A page-unique id for the title and description.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="xLabel">The horizontal axis label.</param>
    /// <param name="yLabel">The vertical axis label.</param>
    /// <param name="series">The lines.</param>
    /// <param name="diagonal">Whether to draw the chance diagonal (ROC).</param>
    /// <param name="scale">The axes' ranges; the unit square when null.</param>
    /// <param name="numbered">Whether lines carry their number (for a legend that lists lines by number).</param>
    public static IHtmlContent Render(
        string id, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool diagonal, ChartScale? scale = null, bool numbered = true)
    {
        var s = scale ?? ChartScale.Unit;
        double X(double value) => Left + Math.Clamp((value - s.XMin) / (s.XMax - s.XMin), 0, 1) * (Width - Left - Right);
        double Y(double value) => Height - Bottom - Math.Clamp((value - s.YMin) / (s.YMax - s.YMin), 0, 1) * (Height - Top - Bottom);

        var svg = new StringBuilder(4096 + series.Sum(s => s.Points.Count) * 14);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" data-series=\"{series.Count}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<desc id=\"{id}-desc\">{series.Count} series, {Encode(xLabel)} across, {Encode(yLabel)} up; the table beside the chart lists the same values.</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-title\" x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\">{Encode(title)}</text>");
        Axes(svg, xLabel, yLabel, s, X, Y);
        if (diagonal)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chance\" x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(1)}\"><title>chance</title></line>");
        }

        foreach (var line in series.Where(l => l.Line))
        {
            svg.Append("<polyline class=\"series\" fill=\"none\" stroke=\"").Append(line.Style.Colour).Append('"');
            if (line.Style.Dash.Length > 0)
            {
                svg.Append(" stroke-dasharray=\"").Append(line.Style.Dash).Append('"');
            }

            // Whole units of a 560-wide view box are finer than a pixel at the chart's size; repeats after rounding are dropped.
            svg.Append(" points=\"");
            var (lastX, lastY) = (-1, -1);
            foreach (var point in line.Points)
            {
                var (x, y) = ((int)Math.Round(X(point.X)), (int)Math.Round(Y(point.Y)));
                if ((x, y) != (lastX, lastY))
                {
                    svg.Append(x).Append(',').Append(y).Append(' ');
                    (lastX, lastY) = (x, y);
                }
            }

            svg.Append(CultureInfo.InvariantCulture, $"\"><title>{(numbered ? $"{line.Style.Number}: " : "")}{Encode(line.Title)}</title></polyline>");
        }

        foreach (var line in series.Where(l => l.Marker != ChartMarker.None))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"markers\" fill=\"{line.Style.Colour}\" stroke=\"{line.Style.Colour}\"><title>{Encode(line.Title)}</title>");
            for (var i = 0; i < line.Points.Count; i++)
            {
                Marker(svg, line.Marker, X(line.Points[i].X), Y(line.Points[i].Y), line.PointTitles is { } titles && i < titles.Count ? titles[i] : null);
            }

            svg.Append("</g>");
        }

        if (numbered && series.Count <= MaxNumberedSeries)
        {
            // Numbers placed at staggered points along each line tie it to its legend row without relying on colour.
            foreach (var line in series.Where(l => l.Line && l.Points.Count > 0))
            {
                var at = line.Points[(int)((line.Points.Count - 1) * ((line.Style.Index % 9) + 1) / 10.0)];
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"series-number\" x=\"{X(at.X):0.#}\" y=\"{Y(at.Y) - 4:0.#}\" fill=\"{line.Style.Colour}\">{line.Style.Number}</text>");
            }
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    /// <summary>A short line in a series' style, for legend rows.</summary>
    /// <param name="style">The series style.</param>
    public static IHtmlContent Swatch(SeriesStyle style) => new HtmlString(string.Create(CultureInfo.InvariantCulture,
        $"<svg class=\"swatch\" viewBox=\"0 0 40 10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"39\" y2=\"5\" stroke=\"{style.Colour}\" stroke-width=\"2.5\"{(style.Dash.Length > 0 ? $" stroke-dasharray=\"{style.Dash}\"" : "")}/></svg>"));

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, ChartScale scale, Func<double, double> x, Func<double, double> y)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"plot\" x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\"/>");
        for (var tick = 0; tick <= 5; tick++)
        {
            var xValue = scale.XMin + (scale.XMax - scale.XMin) * tick / 5;
            var yValue = scale.YMin + (scale.YMax - scale.YMin) * tick / 5;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x(xValue):0.#}\" y1=\"{Top}\" x2=\"{x(xValue):0.#}\" y2=\"{Height - Bottom}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{y(yValue):0.#}\" x2=\"{Width - Right}\" y2=\"{y(yValue):0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x(xValue):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{ChartScale.Label(xValue, scale.XMax - scale.XMin)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 8}\" y=\"{y(yValue) + 4:0.#}\" text-anchor=\"end\">{ChartScale.Label(yValue, scale.YMax - scale.YMin)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"{Left + (Width - Left - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">{Encode(xLabel)}</text>");
        var middle = Top + (Height - Top - Bottom) / 2;
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"16\" y=\"{middle}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {middle})\">{Encode(yLabel)}</text>");
    }

    private static void Marker(StringBuilder svg, ChartMarker marker, double x, double y, string? title)
    {
        var hover = title is null ? "" : $"<title>{Encode(title)}</title>";
        svg.Append(marker switch
        {
            ChartMarker.Circle => string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\">{hover}</circle>"),
            ChartMarker.Cross => string.Create(CultureInfo.InvariantCulture, $"<path class=\"cross\" d=\"M{x - 3.5:0.#},{y - 3.5:0.#}L{x + 3.5:0.#},{y + 3.5:0.#}M{x - 3.5:0.#},{y + 3.5:0.#}L{x + 3.5:0.#},{y - 3.5:0.#}\">{hover}</path>"),
            _ => string.Create(CultureInfo.InvariantCulture, $"<path class=\"triangle\" d=\"M{x:0.#},{y - 4.5:0.#}L{x + 4:0.#},{y + 3:0.#}L{x - 4:0.#},{y + 3:0.#}Z\">{hover}</path>"),
        });
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
