using System.Diagnostics;
using Kiln.Inference;
using Kiln.Pipeline;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Onnx;
using Kiln.Pipeline.Predictions;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Stages;
using Kiln.Pipeline.Training;

// Usage: generate <data/01-raw> [rows] | config <config.yaml> | stages <repo root> <config.yaml> | bench <repo root> (after stages)
//        | csv <repo root> [BenchmarkDotNet options] | csv-cpu <repo root> <rounds>
//        | profile <repo root> <config.yaml> (the Profile stage alone, timed, with peak memory)
if (args is ["generate", var directory, .. var rest])
{
    var generated = new ChurnDatasetGenerator(rows: rest is [{ } rowCount] ? int.Parse(rowCount, System.Globalization.CultureInfo.InvariantCulture) : 30_000).WriteTo(directory);
    Console.WriteLine($"{generated.CsvPath}: {generated.Rows} rows, positive rate {generated.PositiveRate:P2}, sha256 {generated.Sha256}");
    return 0;
}

if (args is ["profile", var profileRoot, var profileConfig])
{
    var profileContext = new PipelineContext(profileRoot, KilnConfig.Load(profileConfig), new ConsoleReporter());
    var clock = Stopwatch.StartNew();
    var result = await new Kiln.Pipeline.Profiling.ProfileStage(profileContext).RunAsync();
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"profile: {clock.Elapsed.TotalSeconds:F2} s wall, {self.TotalProcessorTime.TotalSeconds:F2} s CPU, peak working set {self.PeakWorkingSet64 / (1024 * 1024)} MB, GC heap peak ≤ {GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024)} MB — {result.Summary}");
    return 0;
}

if (args is ["bench", var benchRoot])
{
    // BenchmarkDotNet runs in a child process, which finds the data through this variable.
    Environment.SetEnvironmentVariable(ScoringBenchmarks.RootVariable, Path.GetFullPath(benchRoot));
    BenchmarkDotNet.Running.BenchmarkRunner.Run<ScoringBenchmarks>();
    return 0;
}

if (args is ["csv", var csvRoot, .. var options])
{
    Environment.SetEnvironmentVariable(ScoringBenchmarks.RootVariable, Path.GetFullPath(csvRoot));
    // A shared 2-core machine can take longer than the default two minutes to build the benchmark process.
    BenchmarkDotNet.Running.BenchmarkRunner.Run<CsvReadBenchmarks>(BenchmarkDotNet.Configs.ManualConfig.Create(BenchmarkDotNet.Configs.DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)), options);
    return 0;
}

if (args is ["csv-cpu", var cpuRoot, var roundsText])
{
    // CPU time per read, the readers interleaved round by round: on a machine shared with other builds, wall time
    // mostly measures the wait for a core, while CPU time still compares the readers.
    Environment.SetEnvironmentVariable(ScoringBenchmarks.RootVariable, Path.GetFullPath(cpuRoot));
    var rounds = int.Parse(roundsText, System.Globalization.CultureInfo.InvariantCulture);
    foreach (var which in new[] { "shipped", "generated" })
    {
        var benchmarks = new CsvReadBenchmarks { File = which };
        benchmarks.Setup();
        var readers = new (string Name, Func<long> Read)[] { ("Kiln", benchmarks.Kiln), ("CsvHelper", benchmarks.CsvHelper), ("Sep", benchmarks.Sep), ("Sylvan", benchmarks.Sylvan) };
        var times = readers.ToDictionary(r => r.Name, _ => new List<double>());
        for (var round = 0; round < rounds + 2; round++)
        {
            foreach (var (name, read) in readers)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                read();
                // The first two rounds warm up the JIT and the file cache.
                if (round >= 2)
                {
                    times[name].Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
                }
            }
        }

        foreach (var (name, samples) in times)
        {
            samples.Sort();
            Console.WriteLine($"{which,-9} {name,-9} median {samples[samples.Count / 2],6:F0} ms CPU (min {samples[0]:F0}, max {samples[^1]:F0}, {rounds} rounds)");
        }
    }

    return 0;
}

if (args is ["config", var file])
{
    try
    {
        Console.WriteLine($"{KilnConfig.Load(file).Parameters.Count} parameters");
    }
    catch (PipelineException e)
    {
        Console.WriteLine(e.Message);
    }

    return 0;
}

if (args is not ["stages", var root, var configPath])
{
    Console.Error.WriteLine("usage: generate <dir> | stages <root> <config.yaml> | bench <root> | csv <root> | csv-cpu <root> <rounds>");
    return 2;
}

var context = new PipelineContext(root, KilnConfig.Load(configPath), new ConsoleReporter());
IStage[] stages = [new FeaturesStage(context), new TrainStage(context), new EvaluateStage(context), new PredictStage(context)];
foreach (var stage in stages)
{
    var clock = Stopwatch.StartNew();
    try
    {
        var result = await stage.RunAsync();
        Console.WriteLine($"{stage.Name}: {clock.Elapsed.TotalSeconds:F2} s — {result.Summary}");
        foreach (var (name, value) in result.Metrics)
        {
            Console.WriteLine($"  {name} = {value:G6}");
        }
    }
    catch (PipelineException e)
    {
        Console.WriteLine($"{stage.Name}: FAILED after {clock.Elapsed.TotalSeconds:F2} s — {e.Message}");
    }
}

// Raw Kiln.Inference scoring of the same rows, for comparison with Predict's end-to-end rows/s.
var schema = FeatureSchema.Load(context.FeaturesJson);
var rows = ValidatingReader.Read(context.RawDataset, "raw", schema, false, null, null, new ValidationCounts(schema)).ToList();
using var model = OnnxModel.Load(context.ModelOnnx);
var timer = Stopwatch.StartNew();
var count = OnnxScoring.Score(model, schema, rows).Count();
Console.WriteLine($"raw Kiln.Inference scoring: {count} rows in {timer.Elapsed.TotalSeconds:F3} s = {count / timer.Elapsed.TotalSeconds:N0} rows/s");
return 0;

/// <summary>Prints stage messages to the console.</summary>
internal sealed class ConsoleReporter : IStageReporter
{
    public void Info(string message) => Console.WriteLine("  " + message);

    public IProgress<double> Progress(string task) => new Progress<double>();
}
