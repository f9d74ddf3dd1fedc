using System.Text.RegularExpressions;
using Kiln.Dashboard.Charts;
using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Tests;

public sealed class LineChartTests
{
    [Fact]
    public void TheFirst32LinesAllDifferInColourOrDashAndNeighboursInBoth()
    {
        var styles = Enumerable.Range(0, 32).Select(i => new SeriesStyle(i)).ToList();

        Assert.Equal(32, styles.Select(s => (s.Colour, s.Dash)).Distinct().Count());
        Assert.All(styles.Zip(styles.Skip(1)), pair =>
        {
            Assert.NotEqual(pair.First.Colour, pair.Second.Colour);
            Assert.NotEqual(pair.First.Dash, pair.Second.Dash);
        });
    }

    [Fact]
    public void ChartDrawsOneTitledLinePerSeriesInsideThePlotWithNumbersForReaders()
    {
        var series = Enumerable.Range(0, 3).Select(i => new ChartSeries($"run {i}", [new CurvePoint(0, 0), new CurvePoint(0.1 * i, 0.5), new CurvePoint(1, 1)], new SeriesStyle(i))).ToList();

        var svg = Render(LineChart.Render("roc", "ROC <curves>", "false positive rate", "true positive rate", series, diagonal: true));

        Assert.Equal(3, Regex.Matches(svg, "<polyline class=\"series\"").Count);
        Assert.Contains("<title>2: run 1</title>", svg, StringComparison.Ordinal);
        Assert.Contains("ROC &lt;curves&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-labelledby=\"roc-title roc-desc\"", svg, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(svg, "<text class=\"series-number\"").Count);
        Assert.Contains("class=\"chance\"", svg, StringComparison.Ordinal);
        // (0,0) and (1,1) land on the plot's corners.
        Assert.Contains("points=\"58,388 ", svg, StringComparison.Ordinal);
        Assert.Contains(" 544,34 \"", svg, StringComparison.Ordinal);
    }

    private static string Render(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
