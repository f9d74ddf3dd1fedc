namespace Kiln.Registry.Tests;

/// <summary>Concurrent registrations and run writes, from threads and from real processes, on every store.</summary>
public abstract class ConcurrencyTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    [Fact]
    public async Task ParallelRegistrationsFromSeveralThreadsGetDistinctVersions()
    {
        using var temp = NewRegistry();
        _ = temp.Open();
        var models = Enumerable.Range(0, 4).Select(thread => Enumerable.Range(0, 5).Select(i => temp.File("model.onnx", seed: (thread * 10) + i)).ToArray()).ToArray();

        // Each thread opens its own registry, as separate build agents would.
        var versions = await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            var registry = temp.Open();
            return models[thread].Select(model => registry.Register(RegistryBackend.Request(model)).Version.Version).ToList();
        })));

        Assert.Equal(Enumerable.Range(1, 20), versions.SelectMany(v => v).Order());
        Assert.Equal(Enumerable.Range(1, 20), temp.Open().ListVersions("churn").Select(v => v.Version).Order());
    }

    [Fact]
    public async Task RegistrationsFromTwoProcessesGetDistinctVersions()
    {
        using var temp = NewRegistry();
        _ = temp.Open();
        var model = temp.File("model.onnx");

        var outputs = await RunHostsAsync(temp, "register", model, 8);

        Assert.All(outputs, o => Assert.Equal(8, o.Count));
        Assert.Equal(Enumerable.Range(1, 16), outputs.SelectMany(o => o).Order());
        Assert.Equal(16, temp.Open().ListVersions("churn").Count);
    }

    [Fact]
    public async Task TwoProcessesRegisteringTheSameBytesAtOnceEndWithOneVersion()
    {
        using var temp = NewRegistry();
        _ = temp.Open();
        var model = temp.File("model.onnx");

        var outputs = await RunHostsAsync(temp, "register-same", model, 6);

        Assert.All(outputs.SelectMany(o => o), version => Assert.Equal(1, version));
        var only = Assert.Single(temp.Open().ListVersions("churn"));
        Assert.Equal(Kiln.Hashing.FileHash.Sha256(model), only.Model.Sha256);
    }

    [Fact]
    public async Task RegistrationsFromFourProcessesAtOnceAreEachDecidedAgainstTheChampionTheyCommitAfter()
    {
        using var temp = NewRegistry();
        _ = temp.Open();
        var model = temp.File("model.onnx");

        var outputs = await RunHostsAsync(temp, "decide", model, 4, processes: 4);

        Assert.Equal(Enumerable.Range(1, 16), outputs.SelectMany(o => o).Order());

        // Replayed in commit order (version numbers are allocated under the same lock), every decision names the champion of its moment:
        // a decision made against a champion that had moved meanwhile was made again, never committed.
        int? champion = null;
        foreach (var version in temp.Open().ListVersions("churn").OrderBy(v => v.Version))
        {
            var against = version.PromotionReason!.Contains("vs champion v", StringComparison.Ordinal)
                ? int.Parse(version.PromotionReason.Split("vs champion v")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
                : (int?)null;
            Assert.True(against == champion, $"v{version.Version} was decided against {against?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no champion"} while the champion was {champion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: {version.PromotionReason}");
            if (temp.Query<long>($"SELECT CAST(COUNT(*) AS BIGINT) FROM alias_history WHERE alias = 'champion' AND version = {version.Version}").Single() > 0)
            {
                champion = version.Version;
            }
        }

        Assert.Equal(champion, temp.Open().Resolve("models:/churn@champion").Version!.Version);
    }

    [Fact]
    public async Task TrackedRunsWrittenFromFourProcessesAtOnceLoseNothing()
    {
        using var temp = NewRegistry();
        _ = temp.Open();
        const int Runs = 3;
        const int Keys = 15;

        var ids = await RunHostsAsync(temp, "track", Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), Keys, processes: 4, parse: line => line);

        var registry = temp.Open();
        var all = ids.SelectMany(i => i).ToList();
        Assert.Equal(4 * Runs, all.Distinct().Count());
        Assert.All(all.Select(registry.GetRun), run =>
        {
            Assert.Equal(Kiln.Registry.Runs.RunStatus.Succeeded, run.Status);
            Assert.Equal(Keys, run.Parameters.Count);
            Assert.Equal(Keys, run.Metrics.Count);
            Assert.StartsWith(run.Environment["pid-".Length..] + "-", run.Parameters["p0"], StringComparison.Ordinal);
            Assert.Single(run.Datasets);
        });
    }

    private static Task<List<int>[]> RunHostsAsync(RegistryBackend temp, string mode, string model, int count, int processes = 2) =>
        RunHostsAsync(temp, mode, model, count, processes, line => int.Parse(line, System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<List<T>[]> RunHostsAsync<T>(RegistryBackend temp, string mode, string argument, int count, int processes, Func<string, T> parse)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var hosts = Enumerable.Range(0, processes)
            .Select(_ => CrashHost.Start(mode, temp.StoreUri, temp.StoreDirectory, argument, count.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        try
        {
            return await Task.WhenAll(hosts.Select(async p =>
            {
                var stdout = p.StandardOutput.ReadToEndAsync(cancel.Token);
                var stderr = p.StandardError.ReadToEndAsync(cancel.Token);
                await p.WaitForExitAsync(cancel.Token);
                Assert.True(p.ExitCode == 0, $"crash host exited {p.ExitCode}: {await stderr}");
                return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(parse).ToList();
            }));
        }
        finally
        {
            foreach (var process in hosts)
            {
                process.Dispose();
            }
        }
    }
}
