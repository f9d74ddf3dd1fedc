using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Kiln.Dashboard.Charts;

/// <summary>Draws curves on the unit square as inline SVG on the server: no script, no network, readable without colour (dashes and numbered lines).</summary>
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
    public static IHtmlContent Render(string id, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool diagonal)
    {
        var svg = new StringBuilder(4096 + series.Sum(s => s.Points.Count) * 14);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" data-series=\"{series.Count}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<desc id=\"{id}-desc\">{series.Count} line{(series.Count == 1 ? "" : "s")}, {Encode(xLabel)} across, {Encode(yLabel)} up; the legend table lists each line's number, style and run.</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-title\" x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\">{Encode(title)}</text>");
        Axes(svg, xLabel, yLabel);
        if (diagonal)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chance\" x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(1)}\"><title>chance</title></line>");
        }

        foreach (var line in series)
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

            svg.Append(CultureInfo.InvariantCulture, $"\"><title>{line.Style.Number}: {Encode(line.Title)}</title></polyline>");
        }

        if (series.Count <= MaxNumberedSeries)
        {
            // Numbers placed at staggered points along each line tie it to its legend row without relying on colour.
            foreach (var line in series.Where(l => l.Points.Count > 0))
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

    private static void Axes(StringBuilder svg, string xLabel, string yLabel)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"plot\" x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\"/>");
        for (var tick = 0; tick <= 5; tick++)
        {
            var value = tick / 5.0;
            var label = value.ToString("0.0", CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{X(value):0.#}\" y1=\"{Top}\" x2=\"{X(value):0.#}\" y2=\"{Height - Bottom}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{Y(value):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(value):0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{X(value):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{label}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 8}\" y=\"{Y(value) + 4:0.#}\" text-anchor=\"end\">{label}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"{Left + (Width - Left - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">{Encode(xLabel)}</text>");
        var middle = Top + (Height - Top - Bottom) / 2;
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"16\" y=\"{middle}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {middle})\">{Encode(yLabel)}</text>");
    }

    private static double X(double value) => Left + Math.Clamp(value, 0, 1) * (Width - Left - Right);

    private static double Y(double value) => Height - Bottom - Math.Clamp(value, 0, 1) * (Height - Top - Bottom);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
