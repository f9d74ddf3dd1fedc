using System.Text.RegularExpressions;
using Kiln.Dashboard.Experiments;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Dashboard.Tests;

public sealed class OptimisationHistoryTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CompleteTrialsAreCirclesPrunedOnesCrossesAndFailedOnesAreNotDrawn()
    {
        TrialRecord[] trials = [Trial(0, TrialState.Complete, 0.80), Trial(1, TrialState.Pruned, 0.70), Trial(2, TrialState.Complete, 0.85), Trial(3, TrialState.Failed, null), Trial(4, TrialState.Complete, 0.82)];

        var svg = Render(Study(lowerIsBetter: false), trials);

        Assert.Equal(3, Regex.Matches(svg, "<circle ").Count);
        Assert.Single(Regex.Matches(svg, "<path class=\"cross\""));
        Assert.Contains("<title>trial 1: 0.7000 (pruned)</title>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("trial 3", svg, StringComparison.Ordinal);
        Assert.Contains("Optimisation history (roc_auc, higher is better)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBestSoFarLineStepsUpOnlyWhenACompleteTrialBeatsItAndRunsToTheLastTrial()
    {
        TrialRecord[] trials = [Trial(0, TrialState.Complete, 0.80), Trial(1, TrialState.Pruned, 0.90), Trial(2, TrialState.Complete, 0.85), Trial(3, TrialState.Complete, 0.82), Trial(5, TrialState.Failed, null)];

        var line = BestLine(Render(Study(lowerIsBetter: false), trials));

        // (0, 0.80) → (2, 0.80) → (2, 0.85) → (5, 0.85): the pruned 0.90 never counts, the worse 0.82 changes nothing.
        Assert.Equal(4, line.Count);
        Assert.Equal(line[0].Y, line[1].Y);
        Assert.Equal(line[1].X, line[2].X);
        Assert.True(line[2].Y < line[1].Y, "a higher value is drawn higher up");
        Assert.Equal(line[2].Y, line[3].Y);
        Assert.True(line[3].X > line[2].X);
    }

    [Fact]
    public void ForALowerIsBetterMetricTheBestSoFarLineFollowsTheMinimum()
    {
        TrialRecord[] trials = [Trial(0, TrialState.Complete, 0.45), Trial(1, TrialState.Complete, 0.41), Trial(2, TrialState.Complete, 0.43)];

        var svg = Render(Study(lowerIsBetter: true), trials);
        var line = BestLine(svg);

        Assert.Contains("lower is better", svg, StringComparison.Ordinal);
        Assert.Equal(4, line.Count);
        Assert.True(line[2].Y > line[1].Y, "a lower value is drawn lower down");
        Assert.Equal(line[2].Y, line[3].Y);
    }

    [Fact]
    public void NoChartWhileNoTrialHasAValue()
    {
        Assert.Null(OptimisationHistory.Render(Study(lowerIsBetter: false), [Trial(0, TrialState.Failed, null), Trial(1, TrialState.Running, null)]));
    }

    private static string Render(StudyRecord study, IReadOnlyList<TrialRecord> trials)
    {
        using var writer = new StringWriter();
        OptimisationHistory.Render(study, trials)!.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    private static List<(int X, int Y)> BestLine(string svg)
    {
        var points = Assert.Single(Regex.Matches(svg, "<polyline class=\"series\"[^>]* points=\"([^\"]*)\"")).Groups[1].Value;
        return [.. points.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(',')).Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    private static StudyRecord Study(bool lowerIsBetter) =>
        new("s", Start, lowerIsBetter ? "log_loss" : "roc_auc", lowerIsBetter, 10, "f", "d");

    private static TrialRecord Trial(int number, TrialState state, double? value) => new(
        "s", number, $"01RUN{number:D21}", state, value, 1, state == TrialState.Running ? RunStatus.Running : RunStatus.Succeeded,
        Start.AddMinutes(number), state == TrialState.Running ? null : Start.AddMinutes(number + 1), state == TrialState.Failed ? "boom" : null,
        new Dictionary<string, string> { ["trainer.name"] = "LightGbm" }, new Dictionary<string, double>());
}
