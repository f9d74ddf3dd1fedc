using System.Globalization;
using System.Text;
using Kiln.Inference;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Profiling;
using Kiln.Pipeline.Training;
using Kiln.Statistics.Reference;

namespace Kiln.Pipeline.Tests;

public sealed class ProfileStageTests
{
    private const string MixedYaml = """
        dataset:
          path: mixed.csv
          id: id
          label: { column: outcome, positive: "yes", negative: "no" }
          numeric: [x]
          categorical: [colour]
          ignore: [comment, plant, refund_issued]
        validation: { max_rejected_fraction: 0.5 }
        split: { test_fraction: 0.25, seed: 3 }
        trainer: { name: LightGbm }
        """;

    /// <summary>400 rows: a numeric x that drives the label, a colour, free text, a constant column, a leaking column and two duplicated ids.</summary>
    private static string MixedCsv()
    {
        var random = new Random(11);
        var csv = new StringBuilder("id,x,colour,comment,plant,refund_issued,outcome\n");
        for (var i = 0; i < 400; i++)
        {
            var x = Math.Round(random.NextDouble() * 100, 1);
            var positive = random.NextDouble() < x / 100;
            var id = i is 7 or 8 ? "dup-1" : i == 9 ? "dup-2" : i == 10 ? "dup-2" : $"r{i}";
            var comment = i % 3 == 0 ? (i * 7).ToString(CultureInfo.InvariantCulture) : $"called on day {i} about bill {random.Next(100_000)}";
            // Recorded after the customer left: the label in disguise, wrong in 1 % of rows.
            var refund = positive ^ (i % 100 == 0) ? "true" : "false";
            csv.Append(CultureInfo.InvariantCulture, $"{id},{x},{(i % 4 == 0 ? "red" : i % 4 == 1 ? "green" : "blue")},{comment},dublin,{refund},{(positive ? "yes" : "no")}\n");
        }

        return csv.ToString();
    }

    [Fact]
    public async Task ProfilesTheShippedSchemaWithTheFeaturesSplitAndTheBinsTheModelCarries()
    {
        using var workspace = TestWorkspace.WithChurn(rows: 3000);
        var context = workspace.Context(TestWorkspace.ChurnYaml());

        var result = await new ProfileStage(context).RunAsync(TestContext.Current.CancellationToken);
        var features = await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);

        var profile = DatasetProfile.Load(context.ProfileJson);
        Assert.Equal(3000, profile.Records);
        Assert.Equal(features.Metrics["rows_accepted"], profile.AcceptedRows);
        Assert.Equal(features.Metrics["train_rows"], profile.Drift.TrainRows);
        Assert.Equal(features.Metrics["test_rows"], profile.Drift.TestRows);
        Assert.Equal(13, profile.Drift.Features.Count);
        Assert.All(profile.Drift.Features, f => Assert.Equal("stable", f.Status));
        Assert.Equal(0, result.Metrics["drifted_features"]);

        // The profile's training-side counts are the model's reference statistics: the same rows in the same bins.
        using var model = OnnxModel.Load(context.ModelOnnx);
        var reference = ReferenceStatistics.Parse(model.Metadata[ReferenceStatistics.MetadataKey]);
        Assert.Equal(profile.Drift.TrainRows, reference.Rows);
        foreach (var feature in reference.Features)
        {
            var bins = feature.ToBins();
            var drift = profile.Drift.Features.Single(f => f.Feature == feature.Name);
            var expected = Enumerable.Range(0, bins.Count).Where(b => feature.Counts[b] > 0).ToDictionary(bins.Label, b => feature.Counts[b]);
            Assert.Equal(expected, drift.Bins.Where(b => b.Train > 0).ToDictionary(b => b.Bin, b => b.Train));
        }

        var tenure = profile.Columns.Single(c => c.Name == "tenure_months");
        Assert.Equal(ColumnType.Numeric, tenure.ProfiledAs);
        Assert.Equal(0, tenure.Numeric!.Minimum);
        Assert.Equal(tenure.Present - tenure.NotNumbers, tenure.Numeric.Histogram.Sum(b => b.Count));
        Assert.All(tenure.LabelRates.Where(r => r.Rows > 0), r => Assert.InRange(r.Rate, r.Low, r.High));
        var contract = profile.Columns.Single(c => c.Name == "contract");
        Assert.Equal("monthly", contract.Categories!.Top[0].Value);
        Assert.Equal(["annual", "biennial", "monthly"], contract.Categories.Top.Select(t => t.Value).Order());
        Assert.Contains(profile.Leakage, l => l.Column == "contract" && !l.Suspect);
        Assert.Empty(profile.ConstantColumns);
    }

    [Fact]
    public async Task ReportsTextColumnsConstantColumnsDuplicateIdsAndLeakageSuspects()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("mixed.csv", MixedCsv());

        await new ProfileStage(workspace.Context(MixedYaml)).RunAsync(TestContext.Current.CancellationToken);

        var profile = DatasetProfile.Load(workspace.At("artifacts/profile/profile.json"));
        var comment = profile.Columns.Single(c => c.Name == "comment");
        Assert.Equal(ColumnType.Text, comment.InferredType);
        Assert.Equal(ColumnType.Text, comment.ProfiledAs);
        Assert.Contains("could not be inferred", comment.Note, StringComparison.Ordinal);
        Assert.Contains(profile.Warnings, w => w.StartsWith("comment: type could not be inferred", StringComparison.Ordinal));
        Assert.Equal(["plant"], profile.ConstantColumns);
        Assert.Equal(2, profile.Duplicates.DuplicatedValues);
        Assert.Equal(2, profile.Duplicates.ExtraRows);
        Assert.Equal(["dup-1", "dup-2"], profile.Duplicates.Examples.Select(e => e.Value));
        var leak = Assert.Single(profile.Leakage, l => l.Suspect);
        Assert.Equal("refund_issued", leak.Column);
        Assert.True(leak.Auc > 0.95, $"AUC {leak.Auc}");
        Assert.Contains(profile.Warnings, w => w.StartsWith("refund_issued alone separates the label", StringComparison.Ordinal));
        Assert.False(profile.Leakage.Single(l => l.Column == "x").Suspect);
    }

    [Fact]
    public async Task ADeclaredNumericColumnOfWordsIsProfiledAsTextAndSaysSo()
    {
        using var workspace = new TestWorkspace();
        var csv = new StringBuilder("id,x,colour,outcome\n");
        for (var i = 0; i < 60; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"r{i},{(i % 2 == 0 ? i.ToString(CultureInfo.InvariantCulture) : $"about {i} units")},red,{(i % 3 == 0 ? "yes" : "no")}\n");
        }

        workspace.WriteRaw("mixed.csv", csv.ToString());

        await new ProfileStage(workspace.Context(MixedYaml.Replace("  ignore: [comment, plant, refund_issued]\n", "", StringComparison.Ordinal))).RunAsync(TestContext.Current.CancellationToken);

        var x = DatasetProfile.Load(workspace.At("artifacts/profile/profile.json")).Columns.Single(c => c.Name == "x");
        Assert.Equal(ColumnType.Text, x.ProfiledAs);
        Assert.Equal(30, x.NotNumbers);
        Assert.Contains("declared numeric, but only 50.0 % of its values are numbers", x.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("id,x,colour,outcome\n", "has a header but no data rows")]
    [InlineData("id,x,colour,outcome\nr1,1\nr2,2,red\n", "all 2 data rows are malformed")]
    public async Task AnEmptyHeaderOnlyOrAllMalformedFileGetsAClearErrorAndNoOutput(string content, string expected)
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("mixed.csv", content);
        var context = workspace.Context(MixedYaml.Replace("  ignore: [comment, plant, refund_issued]\n", "", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<DataValidationException>(() => new ProfileStage(context).RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains("data/01-raw/mixed.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(context.ProfileJson));
        Assert.False(File.Exists(context.ProfileHtml));
    }

    [Fact]
    public async Task IsCachedUntilTheDataOrTheSplitChanges()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("mixed.csv", MixedCsv());
        var stage = new ProfileStage(workspace.Context(MixedYaml));
        await stage.RunAsync(TestContext.Current.CancellationToken);

        var cached = stage.Check();
        var reseeded = new ProfileStage(workspace.Context(MixedYaml.Replace("seed: 3", "seed: 4", StringComparison.Ordinal))).Check();
        File.AppendAllText(workspace.At("data/01-raw/mixed.csv"), "r999,1.0,red,x,dublin,false,no\n");
        var changed = stage.Check();

        Assert.True(cached.IsUpToDate, cached.Reason);
        Assert.False(reseeded.IsUpToDate);
        Assert.Contains("split.seed", reseeded.Reason, StringComparison.Ordinal);
        Assert.False(changed.IsUpToDate);
        Assert.Contains("mixed.csv", changed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageIsSelfContainedAndAccessible()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("mixed.csv", MixedCsv());
        var context = workspace.Context(MixedYaml);
        await new ProfileStage(context).RunAsync(TestContext.Current.CancellationToken);

        var html = File.ReadAllText(context.ProfileHtml);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-label=\"Histogram of x\"", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">PSI</th>", html, StringComparison.Ordinal);
        // Drift status is written in words, never told by colour alone.
        Assert.Matches("<td class=\"status-(stable|moderate|drifted)\">(stable|moderate|drifted)</td>", html);
    }
}
