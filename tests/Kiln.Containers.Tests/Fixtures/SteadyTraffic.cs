using System.Text;

namespace Kiln.Containers.Tests.Fixtures;

/// <summary>Sends /predict requests to a loopback port one after another until stopped (or a hard cap), counting failures.</summary>
internal sealed class SteadyTraffic : IAsyncDisposable
{
    private const int MaxRequests = 20_000;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _failures = [];

    public SteadyTraffic(int port, string rowsJson)
    {
        _loop = Task.Run(() => RunAsync(port, rowsJson));
    }

    public int Sent { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(int port, string rowsJson)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri($"http://127.0.0.1:{port}/predict");
        while (!_stop.IsCancellationRequested && Sent < MaxRequests)
        {
            Sent++;
            try
            {
                using var content = new StringContent(rowsJson, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(url, content, CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    _failures.Add($"request {Sent}: {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _failures.Add($"request {Sent}: {e.Message}");
            }
        }
    }
}
