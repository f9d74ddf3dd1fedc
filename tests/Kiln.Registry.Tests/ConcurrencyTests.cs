namespace Kiln.Registry.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ParallelRegistrationsFromSeveralThreadsGetDistinctVersions()
    {
        using var temp = new TempRegistry();
        _ = temp.Open();
        var models = Enumerable.Range(0, 4).Select(thread => Enumerable.Range(0, 5).Select(i => temp.File("model.onnx", seed: (thread * 10) + i)).ToArray()).ToArray();

        // Each thread opens its own registry, as separate build agents would.
        var versions = await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            var registry = temp.Open();
            return models[thread].Select(model => registry.Register(TempRegistry.Request(model)).Version.Version).ToList();
        })));

        Assert.Equal(Enumerable.Range(1, 20), versions.SelectMany(v => v).Order());
        Assert.Equal(Enumerable.Range(1, 20), temp.Open().ListVersions("churn").Select(v => v.Version).Order());
    }

    [Fact]
    public async Task RegistrationsFromTwoProcessesGetDistinctVersions()
    {
        using var temp = new TempRegistry();
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
        using var temp = new TempRegistry();
        _ = temp.Open();
        var model = temp.File("model.onnx");

        var outputs = await RunHostsAsync(temp, "register-same", model, 6);

        Assert.All(outputs.SelectMany(o => o), version => Assert.Equal(1, version));
        var only = Assert.Single(temp.Open().ListVersions("churn"));
        Assert.Equal(Kiln.Hashing.FileHash.Sha256(model), only.Model.Sha256);
    }

    private static async Task<List<int>[]> RunHostsAsync(TempRegistry temp, string mode, string model, int count)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var processes = Enumerable.Range(0, 2).Select(_ => CrashHost.Start(mode, temp.Options.DatabasePath, model, count.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        try
        {
            return await Task.WhenAll(processes.Select(async p =>
            {
                var stdout = p.StandardOutput.ReadToEndAsync(cancel.Token);
                var stderr = p.StandardError.ReadToEndAsync(cancel.Token);
                await p.WaitForExitAsync(cancel.Token);
                Assert.True(p.ExitCode == 0, $"crash host exited {p.ExitCode}: {await stderr}");
                return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
            }));
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }
}
