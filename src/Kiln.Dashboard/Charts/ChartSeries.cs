using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Charts;

/// <summary>One line of a chart.</summary>
/// <param name="Title">What a pointer hovering the line shows, e.g. the run id and its AUC.</param>
/// <param name="Points">The points, in drawing order, each coordinate 0–1.</param>
/// <param name="Style">How it is drawn.</param>
public sealed record ChartSeries(string Title, IReadOnlyList<CurvePoint> Points, SeriesStyle Style);
