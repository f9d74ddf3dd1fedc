using System.Diagnostics;

namespace Kiln.Registry.Tests;

/// <summary>Bounded polling for effects of timers (heartbeats), so tests wait for the effect rather than for a fixed time.</summary>
public static class Eventually
{
    /// <summary>True as soon as <paramref name="condition"/> holds; false if it never did within 20 s.</summary>
    public static async Task<bool> TrueAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }
}
