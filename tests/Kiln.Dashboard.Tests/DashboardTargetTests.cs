using Kiln.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kiln.Dashboard.Tests.Support;
using Kiln.Registry;
using Kiln.Registry.Seeding;

namespace Kiln.Dashboard.Tests;

public sealed class DashboardTargetTests
{
    [Fact]
    public async Task BuildTargetPrintsTheUrlServesTheRegistryAndStopsOnCtrlC()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(root.Path, "config"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "config", "local.yaml"), Path.Combine(root.Path, "config", "local.yaml"));
        var registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(root.Path, "artifacts", "registry", "kiln.db")));
        var seeded = new RegistrySeeder(registry, Path.Combine(root.Path, "work")).Seed(RunningDashboard.Small);
        var port = FreePort();

        // As from a terminal: a runner started in the background of a non-interactive shell ignores SIGINT, every child
        // inherits that, and .NET then leaves it ignored; env resets it to the default, so Ctrl-C reaches the build.
        using var build = Process.Start(new ProcessStartInfo("env", ["--default-signal=INT", "bash", Path.Combine(RepositoryRoot.Path, "build.sh"), "Dashboard", "--port", $"{port}", "--root", root.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CI"] = "true" },   // plain output
        })!;
        var output = new List<string>();
        var announced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        build.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line.Data);
            }

            if (line.Data.StartsWith("Dashboard on ", StringComparison.Ordinal))
            {
                announced.TrySetResult(line.Data);
            }
        };
        build.ErrorDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.Add(line.Data ?? "");
            }
        };
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();
        try
        {
            // The first run may compile the build program; on two shared cores that takes a while.
            var line = await announced.Task.WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
            Assert.StartsWith($"Dashboard on http://127.0.0.1:{port}/ (registry {Path.Combine(root.Path, "artifacts", "registry", "kiln.db")}; read-only", line, StringComparison.Ordinal);

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
            var runs = await Page.GetAsync(client, "/runs");
            Assert.Equal(HttpStatusCode.OK, runs.Status);
            Assert.Contains(seeded.EvaluateRuns[^1], runs.RunIds);

            using (var interrupt = Process.Start("kill", ["-INT", $"{build.Id}"]))
            {
                await interrupt.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            try
            {
                await build.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                lock (output)
                {
                    Assert.Fail($"the build did not stop within 60 s of Ctrl-C (exited: {build.HasExited}); it printed:\n{string.Join('\n', output)}");
                }
            }

            build.WaitForExit();   // drains the redirected output
            Assert.Equal(130, build.ExitCode);
            lock (output)
            {
                Assert.Contains("Dashboard stopped", output);
            }

            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/runs", TestContext.Current.CancellationToken));
        }
        finally
        {
            if (!build.HasExited)
            {
                build.Kill(entireProcessTree: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
