using System.Text.Json;

namespace Kiln.Targets.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void HelpListsTargetsWithDirectDependenciesDefaultAndDescriptionsThenParameters()
    {
        Assert.Equal(0, _host.RunWithDefaults<Documented>(["--help"], x => x.Train));

        var output = _host.Output;
        Assert.StartsWith("Targets (with their direct dependencies):", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  Train \(default\)\s+-> Features\s+Train the model\n", output);
        Assert.Matches(@"\n  Features\s+Build the features\n", output);
        Assert.DoesNotContain("Internal", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  --learning-rate\s+Learning rate \(double; default: 0.05\)", output);
        Assert.Matches(@"\n  --mode\s+How to train \(Fast \| Thorough; default: Fast\)", output);
        Assert.Empty(_host.Ran);
    }

    [Fact]
    public void PlanListsOrderReasonsAndStaticSkipsWithoutRunning()
    {
        Assert.Equal(0, _host.Run<Documented>("Train", "--plan"));

        Assert.Matches(@"1\s+Features\s+dependency of Train\s+will run", _host.Output);
        Assert.Matches(@"2\s+Train\s+requested\s+will run", _host.Output);
        Assert.Matches(@"3\s+Notify\s+triggered by Train\s+skipped: IsServerBuild", _host.Output);
        Assert.Empty(_host.Ran);
    }

    [Fact]
    public void SchemaDescribesParametersAndTargetsAndIsRewrittenOnlyWhenItChanges()
    {
        Assert.Equal(0, _host.Run<Documented>("--help"));
        var path = Path.Combine(_host.Root, ".nuke", "build.schema.json");
        using (var schema = JsonDocument.Parse(File.ReadAllText(path)))
        {
            var properties = schema.RootElement.GetProperty("properties");
            Assert.Equal("Learning rate", properties.GetProperty("LearningRate").GetProperty("description").GetString());
            Assert.Equal("number", properties.GetProperty("LearningRate").GetProperty("type").GetString());
            Assert.Equal(["Fast", "Thorough"], properties.GetProperty("Mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["Features", "Train", "Notify"], properties.GetProperty("Target").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        }

        var written = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(path, written);
        Assert.Equal(0, _host.Run<Documented>("--help"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void OutputIsPlainWhenCiIsSetEvenAtATerminal()
    {
        _host.Interactive = true;
        _host.Environment["CI"] = "true";
        Assert.Equal(0, _host.Run<Documented>("Train"));

        Assert.DoesNotContain("\u001b[", _host.Output, StringComparison.Ordinal);
        Assert.Contains("=== Train ===", _host.Output, StringComparison.Ordinal);
        Assert.Contains("Step: 50%", _host.Output, StringComparison.Ordinal);
        Assert.Matches(@"Model\s+AUC\n-+\s+-+\nchurn\s+0.91", _host.Output);
    }

    [Fact]
    public void TerminalOutputUsesColoursTablesAndALiveBar()
    {
        _host.Interactive = true;
        Assert.Equal(0, _host.Run<Documented>("Train"));

        Assert.Contains("\u001b[", _host.Output, StringComparison.Ordinal);
        Assert.Contains("Summary", _host.Output, StringComparison.Ordinal);
        Assert.Contains("│", _host.Output, StringComparison.Ordinal);
        Assert.Contains("█", _host.Output, StringComparison.Ordinal);
    }

    internal enum Mode
    {
        Fast,
        Thorough,
    }

    private sealed class Documented : KilnBuild
    {
        [Parameter("Learning rate")]
        readonly double LearningRate = 0.05;

        [Parameter("How to train")]
        readonly Mode Mode = Mode.Fast;

        Target Features => _ => _.Description("Build the features").Executes(() => Log.Information("ran:Features"));

        public Target Train => _ => _.Description("Train the model").DependsOn(Features).Triggers(Notify).Executes(() =>
        {
            Log.Information("ran:Train");
            using (var progress = Log.Progress("Step"))
            {
                progress.Report(1, 2);
                progress.Report(2, 2);
            }

            Log.Table(["Model", "AUC"], [["churn", "0.91"]]);
        });

        Target Notify => _ => _.OnlyWhenStatic(() => IsServerBuild).Executes(() => Log.Information("ran:Notify"));

        Target Internal => _ => _.Unlisted().Executes(() => Log.Information("ran:Internal"));
    }
}
