using System.Net;
using Kiln.Dashboard.Hosting;
using Kiln.Registry;
using Kiln.Registry.Seeding;

namespace Kiln.Dashboard.Tests.Support;

/// <summary>A registry seeded through the registry API and the real dashboard on it, on Kestrel at an ephemeral 127.0.0.1 port.</summary>
public sealed class RunningDashboard : IAsyncDisposable
{
    /// <summary>The token of dashboards started with moves enabled.</summary>
    public const string Token = "test-token-0123456789abcdef";

    private readonly TempDirectory _directory;
    private readonly DashboardHost _host;

    private RunningDashboard(TempDirectory directory, ModelRegistry registry, SeedResult seeded, DashboardHost host)
    {
        _directory = directory;
        Registry = registry;
        Seeded = seeded;
        _host = host;
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public ModelRegistry Registry { get; }

    public SeedResult Seeded { get; }

    public Uri Url => _host.Url;

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Seeds <paramref name="plan"/> into a new registry and starts the dashboard on it; <paramref name="token"/> enables alias moves.</summary>
    public static async Task<RunningDashboard> StartAsync(SeedPlan plan, string? token = null)
    {
        var directory = new TempDirectory();
        var registry = ModelRegistry.Open(new RegistryOptions(System.IO.Path.Combine(directory.Path, "registry", "kiln.db")));
        var seeded = new RegistrySeeder(registry, System.IO.Path.Combine(directory.Path, "work")).Seed(plan);
        var host = await DashboardHost.StartAsync(registry, new DashboardOptions { Port = 0, Token = token }, TestContext.Current.CancellationToken);
        return new RunningDashboard(directory, registry, seeded, host);
    }

    /// <summary>A small history (eight experiments, three versions), quick to seed for tests that change it.</summary>
    public static SeedPlan Small => new(8, 3, 0, new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.Zero), Rows: 400);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        _directory.Dispose();
    }
}
