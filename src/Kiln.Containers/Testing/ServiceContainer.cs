using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Kiln.Containers;

/// <summary>One container of the service image on host networking, probed on its own loopback port.</summary>
internal sealed class ServiceContainer
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly DockerEngine _engine;

    private ServiceContainer(DockerEngine engine, string id, string name, int probePort)
    {
        _engine = engine;
        Id = id;
        Name = name;
        ProbePort = probePort;
    }

    public string Id { get; }

    public string Name { get; }

    public int ProbePort { get; }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Creates (not starts) a container serving on <paramref name="servingPort"/> and, when different, probed on <paramref name="probePort"/>.</summary>
    public static async Task<ServiceContainer> CreateAsync(
        DockerEngine engine, string name, string image, int servingPort, int probePort,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? environment, bool restartUnlessStopped, CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kiln__Service__Port"] = servingPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kiln__Service__ReusePort"] = "true",
        };
        if (probePort != servingPort)
        {
            // A second, private endpoint: with SO_REUSEPORT the serving port may answer from the old instance, this one cannot.
            env["Kestrel__Endpoints__Probe__Url"] = $"http://127.0.0.1:{probePort}";
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var parameters = new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Env = [.. env.Select(p => $"{p.Key}={p.Value}")],
            Labels = new Dictionary<string, string>(labels) { [KilnLabels.ProbePort] = probePort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            StopSignal = "SIGTERM",
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                RestartPolicy = new RestartPolicy { Name = restartUnlessStopped ? RestartPolicyKind.UnlessStopped : RestartPolicyKind.No },
            },
        };
        try
        {
            var created = await engine.Client.Containers.CreateContainerAsync(parameters, cancellationToken);
            return new ServiceContainer(engine, created.ID, name, probePort);
        }
        catch (DockerImageNotFoundException)
        {
            throw new ContainerException($"image {image} is not on the engine at {engine.Address}; build or pull it first");
        }
        catch (DockerApiException e)
        {
            throw new ContainerException($"cannot create container {name} from {image}: {e.ResponseBody.Trim()}");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _engine.Client.Containers.StartContainerAsync(Id, new ContainerStartParameters(), cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new ContainerException($"cannot start container {Name}: {e.ResponseBody.Trim()}");
        }
    }

    /// <summary>Polls readiness on the probe port until it answers 200; fails early, with the container's last log lines, if the process exits or restarts.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(long startedTimestamp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{ProbePort}/v2/health/ready");
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var nextStateCheck = 0L;
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(startedTimestamp);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() >= nextStateCheck)
            {
                nextStateCheck = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 4;
                var state = (await _engine.Client.Containers.InspectContainerAsync(Id, cancellationToken)).State;
                if (!state.Running || state.Restarting)
                {
                    throw new ContainerException($"container {Name} exited with code {state.ExitCode} before it was ready; its last log lines:{Environment.NewLine}{await LogTailAsync(15, cancellationToken)}");
                }
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                throw new ContainerException($"container {Name} was not ready within {timeout.TotalSeconds:F0} s ({url}); its last log lines:{Environment.NewLine}{await LogTailAsync(15, cancellationToken)}");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    /// <summary>POSTs the rows to /predict on the probe port and returns the probabilities, in row order.</summary>
    public async Task<float[]> PredictAsync(string rowsJson, CancellationToken cancellationToken)
    {
        using var content = new StringContent(rowsJson, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri($"http://127.0.0.1:{ProbePort}/predict"), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ContainerException($"container {Name}: POST /predict answered {(int)response.StatusCode}: {Truncate(body)}");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return [.. document.RootElement.EnumerateArray().Select(r => r.GetProperty("probability").GetSingle())];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ContainerException($"container {Name}: POST /predict answered something other than [{{label, probability, model, version}}]: {Truncate(body)}");
        }
    }

    public async Task<string> LogTailAsync(int lines, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await _engine.Client.Containers.GetContainerLogsAsync(Id, tty: false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken);
            return (stdout + stderr).TrimEnd();
        }
        catch (DockerApiException e)
        {
            return $"(logs unavailable: {e.Message})";
        }
    }

    /// <summary>Stops gracefully (SIGTERM, then SIGKILL after <paramref name="drainTimeout"/>).</summary>
    public Task StopAsync(TimeSpan drainTimeout, CancellationToken cancellationToken) =>
        StopAsync(_engine, Id, drainTimeout, cancellationToken);

    public static async Task StopAsync(DockerEngine engine, string id, TimeSpan drainTimeout, CancellationToken cancellationToken) =>
        await engine.Client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(drainTimeout.TotalSeconds) }, cancellationToken);

    /// <summary>Removes the container whatever its state; never throws (used on failure paths).</summary>
    public Task RemoveAsync() => RemoveAsync(_engine, Id);

    public static async Task RemoveAsync(DockerEngine engine, string id)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, timeout.Token);
        }
        catch (Exception e) when (e is DockerApiException or OperationCanceledException or HttpRequestException)
        {
            // Already gone, or the engine is unreachable: nothing more to do here.
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
