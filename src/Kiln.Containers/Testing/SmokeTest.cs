using System.Diagnostics;
using System.Globalization;

namespace Kiln.Containers;

/// <summary>Runs an image once on a free loopback port, checks its predictions against locally computed ones, and always removes the container.</summary>
/// <param name="engine">The engine to run on.</param>
public sealed class SmokeTest(DockerEngine engine)
{
    /// <summary>The largest accepted difference between the container's and the caller's probabilities.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Starts <paramref name="image"/>, waits for ready, POSTs <paramref name="rowsJson"/> to /predict and compares the probabilities.</summary>
    /// <param name="image">The image reference or id.</param>
    /// <param name="rowsJson">A JSON array of records keyed by feature name.</param>
    /// <param name="expectedProbabilities">The probabilities ONNX Runtime gave locally for the same rows, in order.</param>
    /// <param name="readyTimeout">How long the container may take to become ready; default 60 s.</param>
    /// <param name="environment">Extra environment variables for the container.</param>
    /// <param name="cancellationToken">Cancels the test (the container is still removed).</param>
    public async Task<SmokeTestResult> RunAsync(
        string image, string rowsJson, IReadOnlyList<float> expectedProbabilities, TimeSpan? readyTimeout = null,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(rowsJson);
        ArgumentNullException.ThrowIfNull(expectedProbabilities);
        var port = ServiceContainer.FreePort();
        var name = $"kiln-smoke-{Guid.NewGuid():N}"[..23];
        var labels = new Dictionary<string, string> { [KilnLabels.Role] = "smoke-test" };
        var container = await ServiceContainer.CreateAsync(engine, name, image, port, port, labels, environment, restartUnlessStopped: false, cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await container.StartAsync(cancellationToken);
            var startToReady = await container.WaitUntilReadyAsync(started, readyTimeout ?? TimeSpan.FromSeconds(60), cancellationToken);
            var actual = await container.PredictAsync(rowsJson, cancellationToken);
            var difference = Compare(image, actual, expectedProbabilities);
            return new SmokeTestResult(startToReady, actual, difference);
        }
        finally
        {
            await container.RemoveAsync();
        }
    }

    /// <summary>Returns the largest difference, or throws naming the first row that differs by more than <see cref="Tolerance"/>.</summary>
    internal static double Compare(string source, IReadOnlyList<float> actual, IReadOnlyList<float> expected)
    {
        if (actual.Count != expected.Count)
        {
            throw new ContainerException($"{source} returned {actual.Count} predictions for {expected.Count} rows");
        }

        var largest = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var difference = Math.Abs((double)actual[i] - expected[i]);
            if (difference > Tolerance || double.IsNaN(difference))
            {
                throw new ContainerException(string.Create(CultureInfo.InvariantCulture,
                    $"{source} disagrees with local ONNX Runtime at row {i}: probability {actual[i]:R}, expected {expected[i]:R} (difference {difference:E2} > {Tolerance:E0})"));
            }

            largest = Math.Max(largest, difference);
        }

        return largest;
    }
}
