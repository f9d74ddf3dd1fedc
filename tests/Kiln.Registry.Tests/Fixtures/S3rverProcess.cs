using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using Kiln.Testing;

namespace Kiln.Registry.Tests.Fixtures;

/// <summary>A private s3rver (from the package .ci/s3.sh installs) on a free loopback port, which a fault test may stop and start again on the same port and data directory.</summary>
internal sealed class S3rverProcess : IDisposable
{
    public const string Bucket = "kiln-faults";

    private readonly string _script;
    private Process? _process;

    private S3rverProcess(string script)
    {
        _script = script;
        Port = FreePort();
        DataDirectory = Path.Combine(Path.GetTempPath(), "kiln-s3rver-tests", Guid.NewGuid().ToString("N"));
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Starts a private server, or skips (fails in CI) when node or the s3rver package is missing.</summary>
    public static S3rverProcess Start()
    {
        var script = Environment.GetEnvironmentVariable("KILN_TEST_S3RVER");
        if (string.IsNullOrWhiteSpace(script) || !File.Exists(script))
        {
            Requirement.SkipOrFail($"no s3rver package to start a private server: KILN_TEST_S3RVER is '{script}'", "eval \"$(bash .ci/s3.sh)\"");
        }

        var server = new S3rverProcess(script!);
        server.Resume();
        return server;
    }

    /// <summary>Starts (or restarts) the server and waits, at most 20 s, until it answers.</summary>
    public void Resume()
    {
        Directory.CreateDirectory(DataDirectory);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation tokens with DES (see .ci/s3.sh).
        foreach (var argument in new[] { "--openssl-legacy-provider", _script, "-d", DataDirectory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--configure-bucket", Bucket, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!S3TestServer.Answers(Endpoint))
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                Stop();
                throw new InvalidOperationException($"the private s3rver on {Endpoint} did not answer within 20 s");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Kills the server at once, as a crash or a pulled cable would stop it.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless and must not fail a test.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
