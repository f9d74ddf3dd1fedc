using Kiln.Hashing;

namespace Kiln.Registry.Tests;

/// <summary>A process killed inside its registration transaction leaves nothing half-written, on every store.</summary>
public abstract class CrashSafetyTests
{
    /// <summary>A fresh, empty registry of the kind under test.</summary>
    protected abstract RegistryBackend NewRegistry();

    [Fact]
    public async Task ProcessKilledBeforeCommitLeavesNoHalfVersionAndTheNextRegistrationWorks()
    {
        using var temp = NewRegistry();
        var registry = temp.Open();
        registry.Register(TempRegistry.Request(temp.File("model.onnx", seed: 1)) with { Decision = null });
        registry.SetAlias("churn", "champion", 1);
        var crashingModel = temp.File("model.onnx", seed: 2);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        using var child = CrashHost.Start("crash", temp.StoreUri, temp.StoreDirectory, crashingModel);
        var line = await child.StandardOutput.ReadLineAsync(cancel.Token);
        if (line != "READY")
        {
            Assert.Fail($"The crash host did not reach the commit point; it said '{line}' and {await child.StandardError.ReadToEndAsync(cancel.Token)}");
        }

        // SIGKILL while the child holds the write transaction with every row of version 2 written but not committed.
        child.Kill();
        await child.WaitForExitAsync(cancel.Token);

        var after = temp.Open();
        var only = Assert.Single(after.ListVersions("churn"));
        Assert.Equal(1, only.Version);
        Assert.Equal(1, after.Resolve("models:/churn@champion").Version!.Version);
        Assert.True(File.Exists(Path.Combine(temp.StoreDirectory, FileHash.Sha256(crashingModel))),
            "the child should have written its artifact before the transaction");

        var next = after.Register(TempRegistry.Request(temp.File("model.onnx", seed: 3))).Version;
        Assert.Equal(2, next.Version);
        Assert.Equal(next.Model.StorePath, after.ResolveVerified("models:/churn/2"));
        Assert.Contains(Path.Combine(temp.StoreDirectory, FileHash.Sha256(crashingModel)), after.CollectGarbage(TimeSpan.Zero));
    }
}
