using System.Diagnostics;
using Kiln.Registry;
using Kiln.Registry.Seeding;

namespace Kiln.Dashboard.Benchmarks;

/// <summary>Seeds a registry for the measurements (or for a look), through the registry API, unless it already holds runs.</summary>
public static class SeedCommand
{
    /// <summary>Seeds <paramref name="database"/> with <paramref name="experiments"/> Train+Evaluate pairs and <paramref name="versions"/> registrations.</summary>
    public static ModelRegistry Seed(string database, int experiments, int versions, int reported, TextWriter log)
    {
        var registry = ModelRegistry.Open(new RegistryOptions(database));
        var existing = registry.Store.QueryRuns(new Registry.Queries.RunQuery(Limit: 1)).Total;
        if (existing > 0)
        {
            log.WriteLine($"{database} already holds {existing:N0} runs; not seeding again (delete it to reseed)");
            return registry;
        }

        var plan = new SeedPlan(experiments, versions, reported, DateTimeOffset.UtcNow.AddMinutes(-6.5 * experiments));
        log.WriteLine($"seeding {plan.Runs:N0} runs ({experiments:N0} train+evaluate pairs, {versions:N0} versions) into {database}");
        var clock = Stopwatch.StartNew();
        var work = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, "seed-files");
        var result = new RegistrySeeder(registry, work).Seed(plan);
        log.WriteLine($"seeded {result.TrainRuns.Count + result.EvaluateRuns.Count + result.Versions.Count:N0} runs and {result.Versions.Count:N0} versions in {clock.Elapsed.TotalSeconds:0.0} s");
        Directory.Delete(work, recursive: true);
        return registry;
    }
}
