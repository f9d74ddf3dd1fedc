namespace Kiln.Registry.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ParallelRegistrationsFromSeveralThreadsGetDistinctVersions()
    {
        using var temp = new TempRegistry();
        _ = temp.Open();
        var models = Enumerable.Range(0, 4).Select(i => temp.File("model.onnx", seed: i)).ToArray();

        // Each thread opens its own registry, as separate build agents would.
        var versions = await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            var registry = temp.Open();
            return Enumerable.Range(0, 5).Select(_ => registry.Register(TempRegistry.Request(models[thread])).Version).ToList();
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
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var processes = Enumerable.Range(0, 2).Select(_ => CrashHost.Start("register", temp.Options.DatabasePath, model, "8")).ToList();
        var outputs = await Task.WhenAll(processes.Select(async p =>
        {
            var stdout = p.StandardOutput.ReadToEndAsync(cancel.Token);
            var stderr = p.StandardError.ReadToEndAsync(cancel.Token);
            await p.WaitForExitAsync(cancel.Token);
            Assert.True(p.ExitCode == 0, $"crash host exited {p.ExitCode}: {await stderr}");
            return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        }));

        Assert.All(outputs, o => Assert.Equal(8, o.Count));
        Assert.Equal(Enumerable.Range(1, 16), outputs.SelectMany(o => o).Order());
        Assert.Equal(16, temp.Open().ListVersions("churn").Count);
    }
}
