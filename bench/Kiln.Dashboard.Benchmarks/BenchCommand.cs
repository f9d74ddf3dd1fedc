using System.Globalization;
using Kiln.Registry.Seeding;

namespace Kiln.Dashboard.Benchmarks;

/// <summary>The command line: <c>seed</c> a registry, or <c>measure</c> the dashboard on it.</summary>
public static class BenchCommand
{
    private const string Usage = """
        usage: Kiln.Dashboard.Benchmarks seed    --registry <kiln.db | postgres://…> [--artifacts <s3://… with a postgres:// registry>] [--experiments 3284] [--versions 1000] [--reported 5] [--studies 100] [--trials 24]
               Kiln.Dashboard.Benchmarks measure --registry <kiln.db | postgres://…> [--artifacts <s3://…>] [seed options] [--port 18281] [--rounds 30] [--url <dashboard>]
        measure seeds first when the registry is empty, starts the dashboard as its own process (unless --url names one already
        running, e.g. on PostgreSQL + S3), and prints the figures as Markdown tables.
        """;

    /// <summary>Runs the command and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("seed" or "measure"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("registry", out var database))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        int Int(string key, int fallback) => options.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var plan = new SeedPlan(Int("experiments", 3284), Int("versions", 1000), Int("reported", 5), DateTimeOffset.UtcNow, Studies: Int("studies", 100), Trials: Int("trials", 24));
        var artifacts = options.GetValueOrDefault("artifacts");
        var registry = SeedCommand.Seed(database, artifacts, plan, Console.Out);
        if (args[0] == "seed")
        {
            return 0;
        }

        return await MeasureCommand.RunAsync(registry, database, artifacts, Int("port", 18281), Int("rounds", 30), options.GetValueOrDefault("url"), Console.Out);
    }
}
