using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kiln.Serving.Tests.Support;

/// <summary>Runs the built Kiln.Serving as a real process on a real Kestrel port on 127.0.0.1.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The port the service listens on.</summary>
    public int Port { get; }

    /// <summary>The process's console output so far.</summary>
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The built service assembly next to this test's configuration.</summary>
    public static string ServiceDll
    {
        get
        {
            var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(testBin);
            var configuration = Path.GetFileName(Path.GetDirectoryName(testBin)!);
            var root = new DirectoryInfo(testBin);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Solution.sln")))
            {
                root = root.Parent;
            }

            return Path.Combine(root!.FullName, "src", "Kiln.Serving", "bin", configuration, framework, "Kiln.Serving.dll");
        }
    }

    /// <summary>A TCP port free at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the service with the given environment (Kiln__* keys) on <paramref name="port"/>.</summary>
    /// <param name="port">The port.</param>
    /// <param name="environment">Extra environment variables.</param>
    public static ServiceProcess Start(int port, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [ServiceDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServiceDll)!,
        };
        info.Environment["Kiln__Service__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Kiln__Service__Host"] = "127.0.0.1";
        info.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(info)!, port);
    }

    /// <summary>Polls readiness (bounded) and returns how long it took from now.</summary>
    /// <param name="timeout">The most to wait.</param>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with {_process.ExitCode} before becoming ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{Port}/v2/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return started.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but too busy to answer within the poll's timeout (a loaded machine); poll again.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"the service was not ready on port {Port} within {timeout}:\n{Output}");
    }

    /// <summary>Waits (bounded) until the process has logged <paramref name="text"/>; with SO_REUSEPORT an HTTP probe could reach another instance.</summary>
    /// <param name="text">The text to wait for.</param>
    /// <param name="timeout">The most to wait.</param>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || started.Elapsed > timeout)
            {
                throw new TimeoutException($"the service did not log '{text}' within {timeout}:\n{Output}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Sends SIGTERM, as a container runtime does on stop.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5000);
    }

    /// <summary>Waits (bounded) for the process to exit.</summary>
    /// <param name="timeout">The most to wait.</param>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
