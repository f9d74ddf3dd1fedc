using System.Globalization;
using System.Net;
using System.Text;

namespace Kiln.Pipeline.Profiling;

/// <summary>Inline SVG charts for the profile page: no script, no external file, every bar labelled in text so nothing is told by colour alone.</summary>
public static class SvgChart
{
    private const string Bar = "#2f6690";
    private const string Accent = "#b23a48";

    /// <summary>A vertical bar chart of a histogram, the axis range and the tallest bar's count written on it.</summary>
    /// <param name="title">The chart's accessible name.</param>
    /// <param name="bins">The bars in order.</param>
    public static string Histogram(string title, IReadOnlyList<HistogramBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        const int width = 480, height = 180, left = 48, bottom = 28, top = 12;
        var plotWidth = width - left - 8;
        var plotHeight = height - bottom - top;
        var max = Math.Max(1, bins.Count == 0 ? 1 : bins.Max(b => b.Count));
        var svg = Open(title, width, height);
        var barWidth = bins.Count == 0 ? 0 : (double)plotWidth / bins.Count;
        for (var i = 0; i < bins.Count; i++)
        {
            var bin = bins[i];
            var barHeight = plotHeight * bin.Count / (double)max;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{left + i * barWidth + 0.5:F1}\" y=\"{top + plotHeight - barHeight:F1}\" width=\"{Math.Max(1, barWidth - 1):F1}\" height=\"{barHeight:F1}\" fill=\"{Bar}\"><title>{Encode(Number(bin.Low))} to {Encode(Number(bin.High))}: {bin.Count:N0}</title></rect>");
        }

        Axes(svg, left, top, plotWidth, plotHeight);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + 8}\" text-anchor=\"end\">{max:N0}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + plotHeight}\" text-anchor=\"end\">0</text>");
        if (bins.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 8}\">{Encode(Number(bins[0].Low))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotWidth}\" y=\"{height - 8}\" text-anchor=\"end\">{Encode(Number(bins[^1].High))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A horizontal bar chart with one labelled bar per item and its value written at the bar's end.</summary>
    /// <param name="title">The chart's accessible name.</param>
    /// <param name="items">The labels and values.</param>
    /// <param name="format">Formats a value for its label.</param>
    /// <param name="threshold">An optional reference line (e.g. the drift threshold), drawn dashed and labelled.</param>
    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> items, Func<double, string> format, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(format);
        const int width = 480, left = 150, row = 20, top = 8;
        var height = top + items.Count * row + (threshold is null ? 8 : 24);
        var plotWidth = width - left - 70;
        var finite = items.Select(i => i.Value).Where(double.IsFinite).ToList();
        var max = Math.Max(threshold ?? 0, finite.Count == 0 ? 1 : finite.Max());
        max = max <= 0 ? 1 : max;
        var svg = Open(title, width, height);
        for (var i = 0; i < items.Count; i++)
        {
            var (label, value) = items[i];
            var y = top + i * row;
            var length = double.IsFinite(value) ? plotWidth * Math.Max(0, value) / max : 0;
            var over = threshold is { } t && value >= t;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{Encode(Shorten(label))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{length:F1}\" height=\"{row - 6}\" fill=\"{(over ? Accent : Bar)}\"><title>{Encode(label)}: {Encode(format(value))}</title></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{left + length + 4:F1}\" y=\"{y + 14}\">{Encode(format(value))}{(over ? " (over)" : "")}</text>");
        }

        if (threshold is { } line)
        {
            var x = left + plotWidth * line / max;
            var bottom = top + items.Count * row;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" y1=\"{top}\" x2=\"{x:F1}\" y2=\"{bottom}\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{bottom + 16}\" text-anchor=\"middle\">threshold {Encode(format(line))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string title, int width, int height) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\" font-family=\"sans-serif\" font-size=\"11\">")
        .Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");

    private static void Axes(StringBuilder svg, int left, int top, int plotWidth, int plotHeight) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{left + plotWidth}\" y2=\"{top + plotHeight}\" stroke=\"#333\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" stroke=\"#333\"/>");

    private static string Shorten(string label) => label.Length <= 24 ? label : label[..23] + "…";

    private static string Number(double value) => value.ToString("G5", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
