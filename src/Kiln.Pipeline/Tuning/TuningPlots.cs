using Kiln.Pipeline.IO;
using Kiln.Registry.Studies;
using ScottPlot;

namespace Kiln.Pipeline.Tuning;

/// <summary>Draws the study's plots as PNG files (ScottPlot): optimisation history, parameter importance and one slice per hyperparameter.</summary>
public static class TuningPlots
{
    private const int Width = 720;
    private const int Height = 440;

    /// <summary>Every trial's mean metric by trial number, one colour per trainer, and the best-so-far line.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="study">The study.</param>
    /// <param name="trials">Every trial.</param>
    public static void History(string path, StudyRecord study, IReadOnlyList<TrialRecord> trials)
    {
        var plot = new Plot();
        foreach (var group in trials.Where(t => t.Value is not null).GroupBy(t => (t.Parameters.GetValueOrDefault("trainer.name") ?? "?", t.State == TrialState.Pruned)))
        {
            var scatter = plot.Add.ScatterPoints(group.Select(t => (double)t.Number).ToArray(), group.Select(t => t.Value!.Value).ToArray());
            scatter.LegendText = group.Key.Item2 ? $"{group.Key.Item1} (pruned, partial folds)" : group.Key.Item1;
            scatter.MarkerShape = group.Key.Item2 ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
        }

        var best = BestSoFar(study, trials);
        if (best.Length > 0)
        {
            var line = plot.Add.ScatterLine(best.Select(b => (double)b.Number).ToArray(), best.Select(b => b.Best).ToArray());
            line.LegendText = "best so far";
            line.ConnectStyle = ConnectStyle.StepHorizontal;
        }

        Save(plot, path, $"Optimisation history ({study.Name})", "trial", $"cross-validated {study.Metric}");
    }

    /// <summary>A horizontal bar per importance, largest on top.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="importance">Name and importance pairs, largest first.</param>
    public static void Importance(string path, IReadOnlyList<(string Name, double Importance)> importance)
    {
        var plot = new Plot();
        var shown = importance.Take(15).Reverse().ToArray();
        var bars = plot.Add.Bars(shown.Select((item, i) => new Bar { Position = i, Value = item.Importance, ValueBase = 0 }).ToArray());
        bars.Horizontal = true;
        plot.Axes.Left.SetTicks([.. shown.Select((_, i) => (double)i)], [.. shown.Select(item => item.Name)]);
        plot.Title("Parameter importance");
        plot.XLabel("importance");
        plot.Axes.SetLimitsX(0, 1);
        AtomicFile.Write(path, stream => stream.Write(plot.GetImageBytes(Width + 200, Height, ImageFormat.Png)));
    }

    /// <summary>The score against one hyperparameter's value over one trainer's complete and pruned trials.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="study">The study.</param>
    /// <param name="trainer">The trainer.</param>
    /// <param name="parameter">The hyperparameter.</param>
    /// <param name="trials">Every trial.</param>
    /// <param name="log">True to draw the value axis on a log scale.</param>
    public static void Slice(string path, StudyRecord study, string trainer, string parameter, IReadOnlyList<TrialRecord> trials, bool log)
    {
        var points = trials
            .Where(t => t is { State: TrialState.Complete, Value: not null })
            .Select(t => (Parameters: TrialParameters.FromRunParameters(t.Parameters), t.Value))
            .Where(t => t.Parameters.Trainer == trainer && t.Parameters.Values.ContainsKey(parameter))
            .ToArray();
        var plot = new Plot();
        var xs = points.Select(p => log ? Math.Log10(p.Parameters.Values[parameter]) : p.Parameters.Values[parameter]).ToArray();
        plot.Add.ScatterPoints(xs, points.Select(p => p.Value!.Value).ToArray());
        Save(plot, path, $"{trainer}: {parameter}", log ? $"log10({parameter})" : parameter, $"cross-validated {study.Metric}");
    }

    private static (int Number, double Best)[] BestSoFar(StudyRecord study, IReadOnlyList<TrialRecord> trials)
    {
        var result = new List<(int, double)>();
        double? best = null;
        foreach (var trial in trials.Where(t => t is { State: TrialState.Complete, Value: not null }).OrderBy(t => t.Number))
        {
            var value = trial.Value!.Value;
            best = best is not { } b ? value : study.LowerIsBetter ? Math.Min(b, value) : Math.Max(b, value);
            result.Add((trial.Number, best.Value));
        }

        return [.. result];
    }

    private static void Save(Plot plot, string path, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Alignment.LowerRight);
        var bytes = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
