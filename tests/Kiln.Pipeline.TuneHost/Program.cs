using System.Globalization;
using Kiln.Pipeline;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Tuning;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

// Usage: <root> <config.yaml> <registry.db> <lease seconds>
// One Tune worker process on the study the config describes; the features must exist already.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: <root> <config.yaml> <registry.db> <lease seconds>");
    return 2;
}

var context = new PipelineContext(args[0], KilnConfig.Load(args[1]), new ConsoleReporter());
var store = new SqliteRegistryStore(new RegistryOptions(args[2]));
var lease = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
var result = new StudyRunner(context, store).Run(new RunStart(RunKind.Tune), new TuneOptions(LeaseTimeout: lease, PollInterval: TimeSpan.FromMilliseconds(200)), CancellationToken.None);
Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DONE {result.RecordedHere}"));
return 0;
