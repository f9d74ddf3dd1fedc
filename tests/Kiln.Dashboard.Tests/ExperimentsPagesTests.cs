using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Dashboard.Tests;

public sealed partial class ExperimentsPagesTests(SeededDashboard dashboard)
{
    private RunningDashboard Running => dashboard.Running;

    [Fact]
    public async Task ExperimentsPageListsEveryStudyNewestFirstWithItsTrialsCountedByStateAndItsBestValue()
    {
        var page = await Page.GetAsync(Running.Client, "/experiments");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = StudyRow().Matches(page.Html).Select(m => Words(m.Value)).ToList();
        Assert.Equal(Running.Seeded.Studies.Reverse(), rows.Select(r => r.Split(' ')[0]));
        foreach (var name in Running.Seeded.Studies)
        {
            var study = Running.Registry.Store.FindStudy(name)!;
            var trials = Running.Registry.ListTrials(name);
            var values = trials.Where(t => t.State == TrialState.Complete).Select(t => t.Value!.Value).ToList();
            var best = study.LowerIsBetter ? values.Min() : values.Max();
            var bestTrial = trials.First(t => t.State == TrialState.Complete && t.Value == best).Number;
            Assert.Contains(
                $"{name} {study.Metric} ({(study.LowerIsBetter ? "lower" : "higher")} is better) {trials.Count} of {study.Budget} "
                + $"{trials.Count(t => t.State == TrialState.Complete)} {trials.Count(t => t.State == TrialState.Pruned)} {trials.Count(t => t.State == TrialState.Failed)} "
                + $"{trials.Count(t => t.RunStatus == RunStatus.Killed)} {best.ToString("0.0000", CultureInfo.InvariantCulture)} trial {bestTrial} "
                + study.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                rows);
        }

        // The seeded history has one study whose remote worker died, so its last trial waits as killed.
        Assert.Contains(rows, r => Regex.IsMatch(r, @"^churn-study-002 .* 1 \d\.\d{4} trial"));
    }

    [Fact]
    public async Task StudyPageRanksTheCompleteTrialsBestFirstThenListsTheOthersAndLinksEveryRun()
    {
        var name = Running.Seeded.Studies[0];
        var trials = Running.Registry.ListTrials(name);

        var page = await Page.GetAsync(Running.Client, $"/experiments/{name}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = LeaderboardRow().Matches(page.Html).Select(m => Words(m.Value).Split(' ')).ToList();
        Assert.Equal(trials.Count, rows.Count);
        var complete = trials.Where(t => t.State == TrialState.Complete).OrderByDescending(t => t.Value).ThenBy(t => t.Number).ToList();
        Assert.Equal(complete.Select((t, i) => $"{i + 1} {t.Number} ✓ complete"), rows.Take(complete.Count).Select(r => string.Join(' ', r.Take(4))));
        Assert.All(rows.Skip(complete.Count), r => Assert.Equal("–", r[0]));
        Assert.Contains(trials, t => t.State == TrialState.Pruned);
        Assert.Contains(rows, r => r[2] == "✂" && r[3] == "pruned");
        var top = complete[0];
        Assert.Contains(
            $"{top.Metrics[TrialMetricNames.Mean("roc_auc")].ToString("0.0000", CultureInfo.InvariantCulture)} ± {top.Metrics[TrialMetricNames.StandardDeviation("roc_auc")].ToString("0.0000", CultureInfo.InvariantCulture)} 5",
            string.Join(' ', rows[0]), StringComparison.Ordinal);
        Assert.Contains($"learning_rate={double.Parse(top.Parameters["trainer.hyperparameters.learning_rate"], CultureInfo.InvariantCulture).ToString("G4", CultureInfo.InvariantCulture)}",
            string.Join(' ', rows[0]), StringComparison.Ordinal);
        Assert.All(trials, t => Assert.Contains($"href=\"/runs/{t.RunId}\"", page.Html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StudyPageDrawsEachValuedTrialAndTheBestSoFarLineAsAnSvgChart()
    {
        var name = Running.Seeded.Studies[0];
        var trials = Running.Registry.ListTrials(name);

        var page = await Page.GetAsync(Running.Client, $"/experiments/{name}");

        var chart = Assert.Single(Regex.Matches(page.Html, "<svg class=\"chart\".*?</svg>", RegexOptions.Singleline)).Value;
        Assert.Equal(trials.Count(t => t.State == TrialState.Complete), Regex.Matches(chart, "<circle ").Count);
        Assert.Equal(trials.Count(t => t.State == TrialState.Pruned), Regex.Matches(chart, "<path class=\"cross\"").Count);
        Assert.Single(Regex.Matches(chart, "<polyline class=\"series\""));
        Assert.Contains("<title>best so far</title>", chart, StringComparison.Ordinal);
        Assert.Contains("cross: a pruned trial's mean over the folds scored before it was stopped", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALowerIsBetterStudyRanksItsSmallestValueFirst()
    {
        var name = Running.Seeded.Studies.Single(s => Running.Registry.Store.FindStudy(s)!.LowerIsBetter);
        var best = Running.Registry.ListTrials(name).Where(t => t.State == TrialState.Complete).MinBy(t => t.Value)!;

        var page = await Page.GetAsync(Running.Client, $"/experiments/{name}");

        var first = Words(LeaderboardRow().Match(page.Html).Value).Split(' ');
        Assert.Equal(["1", best.Number.ToString(CultureInfo.InvariantCulture)], first.Take(2));
        Assert.Contains("cross-validated log_loss (lower is better)", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledAndTakenBackTrialsSayWhatHappenedToThem()
    {
        var killed = await Page.GetAsync(Running.Client, $"/experiments/{Running.Seeded.Studies[1]}");
        var takenBack = await Page.GetAsync(Running.Client, $"/experiments/{Running.Seeded.Studies[2]}");

        Assert.Contains("■ killed", killed.Words, StringComparison.Ordinal);
        Assert.Contains("1 killed", killed.Words, StringComparison.Ordinal);
        Assert.Matches(@"(\d+|–) \d+ [✓✂✗] (complete|pruned|failed) \(attempt 2\)", takenBack.Words);
    }

    [Fact]
    public async Task ATrialRunSaysWhichStudyAndTrialItScoresAndLinksTheStudy()
    {
        var trial = Running.Registry.ListTrials(Running.Seeded.Studies[0]).First(t => t.State == TrialState.Complete);

        var page = await Page.GetAsync(Running.Client, $"/runs/{trial.RunId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Tuning trial {trial.Number} of study {trial.Study}", page.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/experiments/{trial.Study}\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunTrainedFromATunedConfigNamesTheTrialItCameFrom()
    {
        var study = Running.Seeded.Studies[^1];
        var best = TrialRanking.Best(Running.Registry.ListTrials(study), Running.Registry.Store.FindStudy(study)!.LowerIsBetter)!;
        var run = Running.Seeded.AppliedRuns[0];

        var page = await Page.GetAsync(Running.Client, $"/runs/{run}");

        Assert.Contains($"Trainer settings from trial {best.Number} of study {study} (run {best.RunId}", page.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/experiments/{study}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/runs/{best.RunId}\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(best.Parameters["trainer.name"], Running.Registry.GetRun(run).Parameters["trainer.name"]);
    }

    [Fact]
    public async Task AFinishedStudyAlreadyShownStillShowsTheTrialsOfALaterTuneThatRaisedItsBudget()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small with { Studies = 1, Trials = 6 });
        var name = running.Seeded.Studies[0];
        var before = await Page.GetAsync(running.Client, "/experiments");

        running.Registry.Store.OpenStudy(running.Registry.Store.FindStudy(name)! with { Budget = 7 });
        var claim = running.Registry.ClaimTrial(name, new RunStart(RunKind.Tune), (_, _) => new Dictionary<string, string> { ["trainer.name"] = "LightGbm" })!;
        var during = await Page.GetAsync(running.Client, "/experiments");
        running.Registry.FinishTrial(new TrialOutcome(name, claim.Trial.Number, claim.Trial.RunId, TrialState.Complete, 0.99,
            new Dictionary<string, double> { [TrialMetricNames.Mean("roc_auc")] = 0.99 }, null, DateTimeOffset.UtcNow));
        var after = await Page.GetAsync(running.Client, "/experiments");

        Assert.Contains($"{name} roc_auc (higher is better) 6 of 6 ", before.Words, StringComparison.Ordinal);
        Assert.Contains($"{name} roc_auc (higher is better) 7 of 7 (1 running) ", during.Words, StringComparison.Ordinal);
        Assert.Contains($"{name} roc_auc (higher is better) 7 of 7 ", after.Words, StringComparison.Ordinal);
        Assert.Contains("0.9900 trial 6", after.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADashboardWithoutStudiesSaysHowToRunOne()
    {
        await using var running = await RunningDashboard.StartAsync(RunningDashboard.Small);

        var page = await Page.GetAsync(running.Client, "/experiments");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("No tuning study yet. ./build.sh Tune runs one", page.Words, StringComparison.Ordinal);
    }

    private static string Words(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ").Trim();

    [GeneratedRegex("<tr><th scope=\"row\"><a href=\"/experiments/.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex StudyRow();

    [GeneratedRegex("<tr><td class=\"num\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex LeaderboardRow();
}
