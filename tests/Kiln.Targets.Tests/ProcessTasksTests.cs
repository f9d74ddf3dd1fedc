using System.Diagnostics;

namespace Kiln.Targets.Tests;

public sealed class ProcessTasksTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ReturnsExitCodeAndEveryLineAndCallsOnLine()
    {
        var seen = new List<string>();
        var result = await ProcessTasks.Run("sh", ["-c", "echo one; echo two >&2; exit 3"], AbsolutePath.Create(_host.Root), null,
            TestContext.Current.CancellationToken, line => { lock (seen) { seen.Add(line); } });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["one", "two"], result.Output.Order(StringComparer.Ordinal));
        Assert.Equal(["one", "two"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CancellationKillsTheProcessTreeAndThrows()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ProcessTasks.Run("sh", ["-c", "sleep 30 & wait"], null, null, cancellation.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the process should have been killed, not waited for");
    }

    [Fact]
    public async Task MissingToolGivesAClearMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ProcessTasks.Run("kiln-no-such-tool", [], null, null, TestContext.Current.CancellationToken));
        Assert.Contains("Could not start 'kiln-no-such-tool'", error.Message, StringComparison.Ordinal);
    }
}
