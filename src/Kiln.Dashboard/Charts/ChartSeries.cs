using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Charts;

/// <summary>One series of a chart: a line, markers, or both.</summary>
/// <param name="Title">What a pointer hovering the series shows, e.g. the run id and its AUC.</param>
/// <param name="Points">The points, in drawing order, in the chart's scale.</param>
/// <param name="Style">Its colour and dash.</param>
/// <param name="Marker">The shape drawn at each point.</param>
/// <param name="Line">Whether the points are joined by a line.</param>
/// <param name="PointTitles">What hovering each marker shows (same order as the points), or null.</param>
public sealed record ChartSeries(
    string Title,
    IReadOnlyList<CurvePoint> Points,
    SeriesStyle Style,
    ChartMarker Marker = ChartMarker.None,
    bool Line = true,
    IReadOnlyList<string>? PointTitles = null);
