using System.Globalization;
using Kiln.Dashboard.Charts;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;
using Microsoft.AspNetCore.Html;

namespace Kiln.Dashboard.Experiments;

/// <summary>A study's optimisation history as a server-drawn SVG: each trial's value by number (complete trials as circles, pruned ones as crosses)
/// and the best-so-far line over the complete trials.</summary>
public static class OptimisationHistory
{
    /// <summary>How complete trials are drawn.</summary>
    public static SeriesStyle CompleteStyle { get; } = new(6);

    /// <summary>How pruned trials are drawn.</summary>
    public static SeriesStyle PrunedStyle { get; } = new(1);

    /// <summary>How the best-so-far line is drawn (solid).</summary>
    public static SeriesStyle BestStyle { get; } = new(0);

    /// <summary>The chart, or null when no trial has a value yet.</summary>
    /// <param name="study">The study (its metric and direction).</param>
    /// <param name="trials">Its trials.</param>
    public static IHtmlContent? Render(StudyRecord study, IReadOnlyList<TrialRecord> trials)
    {
        var complete = trials.Where(t => t is { State: TrialState.Complete, Value: not null }).OrderBy(t => t.Number).ToList();
        var pruned = trials.Where(t => t is { State: TrialState.Pruned, Value: not null }).OrderBy(t => t.Number).ToList();
        if (complete.Count + pruned.Count == 0)
        {
            return null;
        }

        var best = BestLine(TrialRanking.BestSoFar(trials, study.LowerIsBetter), trials.Max(t => t.Number));
        var series = new List<ChartSeries>
        {
            new("best so far", best, BestStyle),
            new("complete trials", Points(complete), CompleteStyle, ChartMarker.Circle, Line: false, PointTitles: Titles(complete, "complete")),
            new("pruned trials (mean of the folds scored before they were stopped)", Points(pruned), PrunedStyle, ChartMarker.Cross, Line: false,
                PointTitles: Titles(pruned, "pruned")),
        };
        var direction = study.LowerIsBetter ? "lower is better" : "higher is better";
        return LineChart.Render("history", $"Optimisation history ({study.Metric}, {direction})", "trial number", $"cross-validated {study.Metric}",
            series, diagonal: false, ChartScale.Fit(series.SelectMany(s => s.Points)), numbered: false);
    }

    private static List<CurvePoint> Points(IEnumerable<TrialRecord> trials) => [.. trials.Select(t => new CurvePoint(t.Number, t.Value!.Value))];

    private static List<string> Titles(IEnumerable<TrialRecord> trials, string state) =>
        [.. trials.Select(t => string.Create(CultureInfo.InvariantCulture, $"trial {t.Number}: {t.Value:0.0000} ({state})"))];

    // A step line: the best value holds until a trial beats it, then jumps, and runs on to the last trial.
    private static List<CurvePoint> BestLine(IReadOnlyList<(int Number, double Best)> best, int lastTrial)
    {
        var points = new List<CurvePoint>();
        foreach (var (number, value) in best)
        {
            if (points.Count > 0)
            {
                if (value == points[^1].Y)
                {
                    continue;
                }

                points.Add(new CurvePoint(number, points[^1].Y));
            }

            points.Add(new CurvePoint(number, value));
        }

        if (points.Count > 0 && points[^1].X < lastTrial)
        {
            points.Add(new CurvePoint(lastTrial, points[^1].Y));
        }

        return points;
    }
}
