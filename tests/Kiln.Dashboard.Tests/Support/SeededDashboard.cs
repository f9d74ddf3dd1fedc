using Kiln.Registry.Seeding;

namespace Kiln.Dashboard.Tests.Support;

/// <summary>One read-only dashboard over a realistic history (80 runs, 6 versions, reports with plots), shared by the tests that only read.</summary>
public sealed class SeededDashboard : IAsyncLifetime
{
    private RunningDashboard? _running;

    public RunningDashboard Running => _running ?? throw new InvalidOperationException("not started");

    public static SeedPlan Plan => new(40, 6, 3, new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero), Rows: 800);

    public async ValueTask InitializeAsync() => _running = await RunningDashboard.StartAsync(Plan);

    public async ValueTask DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }
    }
}
