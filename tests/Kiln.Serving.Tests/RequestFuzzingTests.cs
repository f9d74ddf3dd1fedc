using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiln.Testing;
using Kiln.Serving.Tests.Fuzzing;
using Kiln.Serving.Tests.Support;

namespace Kiln.Serving.Tests;

public sealed partial class RequestFuzzingTests(ServingFixture fixture)
{
    private const int Seed = 20251201;
    private const int MaxRows = 50;
    private const int MaxBodyBytes = 64 * 1024;

    [Fact]
    public async Task ThousandsOfMutatedRequestsGetNoServerErrorAndAValidRequestStillScoresExactlyAfterwards()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), fixture.ProcessEnvironment(
            ("Kiln__Limits__MaxBatchRows", MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Kiln__Limits__MaxRequestBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        var pool = TestModel.Generate(200, Seed);
        var expected = DirectOrt.Score(fixture.ModelPath, pool).Select(e => e.Probability).ToList();
        var cases = new RequestFuzzer(Seed, pool, expected, MaxRows, MaxBodyBytes).Generate(perEndpoint: 2500, transport: 400);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{service.Port}"), Timeout = TimeSpan.FromSeconds(15) };

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<(MutationClass Class, int Status), int>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellation }, async (fuzz, token) =>
        {
            var problem = fuzz.Raw is null ? await SendAsync(client, fuzz, statuses, token) : await SendRawAsync(service.Port, fuzz, statuses, token);
            if (problem is not null)
            {
                failures.Enqueue($"{problem}\n    {fuzz}");
            }
        });
        watch.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine($"{cases.Count} fuzzed requests in {watch.Elapsed.TotalSeconds:F1} s; answers by class: " + string.Join("; ",
            statuses.GroupBy(s => s.Key.Class).OrderBy(g => g.Key).Select(g => $"{g.Key} " + string.Join(" ", g.OrderBy(s => s.Key.Status).Select(s => $"{s.Key.Status}×{s.Value}")))));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} fuzzed requests broke a rule:\n{string.Join("\n", failures.Take(15))}");
        Assert.All(Enum.GetValues<MutationClass>(), c => Assert.True(statuses.Keys.Any(k => k.Class == c), $"no case of class {c} was sent"));
        Assert.False(service.HasExited, "the service died during fuzzing");
        Assert.DoesNotMatch(ServerFault(), service.Output);

        // Afterwards the same instance still gives ONNX Runtime's exact answer on both endpoints.
        var rows = pool.Take(5).ToList();
        using var predict = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(rows)), cancellation);
        using var infer = await client.PostAsync("/v2/models/churn/infer", Bodies.Json(Bodies.Infer(rows)), cancellation);
        Assert.Equal(expected.Take(5), Probabilities(await predict.Content.ReadAsStringAsync(cancellation), infer: false));
        Assert.Equal(expected.Take(5), Probabilities(await infer.Content.ReadAsStringAsync(cancellation), infer: true));
    }

    [Fact]
    public void TheSameSeedGeneratesTheSameCases()
    {
        var pool = TestModel.Generate(200, Seed);
        var expected = Enumerable.Repeat(0.5f, pool.Count).ToList();

        var first = new RequestFuzzer(Seed, pool, expected, MaxRows, MaxBodyBytes).Generate(300, 50);
        var second = new RequestFuzzer(Seed, pool, expected, MaxRows, MaxBodyBytes).Generate(300, 50);

        Assert.Equal(first.Select(c => c.ToString() + Convert.ToHexString(c.Raw?.Request ?? [])), second.Select(c => c.ToString() + Convert.ToHexString(c.Raw?.Request ?? [])));
    }

    private static async Task<string?> SendAsync(HttpClient client, FuzzCase fuzz, ConcurrentDictionary<(MutationClass, int), int> statuses, CancellationToken token)
    {
        // An absolute URI keeps paths such as //v2/... as paths instead of reading them as a host.
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + fuzz.Path)) { Content = new ByteArrayContent(fuzz.Body) };
        if (fuzz.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }

        foreach (var (name, value) in fuzz.Headers ?? new Dictionary<string, string>())
        {
            request.Content.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, token);
        }
        catch (HttpRequestException e)
        {
            return $"no answer: {e.Message} {e.InnerException?.Message} {e.InnerException?.InnerException?.Message}";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate((fuzz.Class, status), 1, (_, n) => n + 1);
            var text = await response.Content.ReadAsStringAsync(token);
            if (status >= 500)
            {
                return $"answered {status}: {text}";
            }

            if (fuzz.Expected is { } expected)
            {
                if (status != 200)
                {
                    return $"a still-valid request answered {status}: {text}";
                }

                var probabilities = Probabilities(text, infer: fuzz.Path.Contains("/infer", StringComparison.Ordinal));
                return probabilities.SequenceEqual(expected) ? null : $"a still-valid request scored [{string.Join(", ", probabilities)}], expected [{string.Join(", ", expected)}]";
            }

            // Every client error carries the protocol's {"error": "..."} with a reason. Kestrel itself refuses a few request
            // targets (a NUL in the path) with an empty 400 before the app runs.
            var refusedByKestrel = fuzz.Class == MutationClass.Routes && status == 400 && text.Length == 0;
            if (status >= 400 && !refusedByKestrel && !HasErrorMessage(text))
            {
                return $"answered {status} without an error message: '{text}'";
            }

            return null;
        }
    }

    private static async Task<string?> SendRawAsync(int port, FuzzCase fuzz, ConcurrentDictionary<(MutationClass, int), int> statuses, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        string answer;
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            await socket.SendAsync(fuzz.Raw!.Request, timeout.Token);
            if (fuzz.Raw.HalfClose)
            {
                socket.Shutdown(SocketShutdown.Send);
            }

            using var received = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            answer = Encoding.Latin1.GetString(received.ToArray());
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Kestrel may reset a connection it refused; that is not a server error.
            answer = "";
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return "the raw exchange did not finish within 15 s";
        }

        var codes = StatusLine().Matches(answer).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var code in codes)
        {
            statuses.AddOrUpdate((fuzz.Class, code), 1, (_, n) => n + 1);
        }

        if (codes.Count == 0)
        {
            statuses.AddOrUpdate((fuzz.Class, 0), 1, (_, n) => n + 1);
        }

        if (codes.Any(c => c >= 500 && !(c == 505 && fuzz.Raw!.UnsupportedVersion)))
        {
            return $"answered {string.Join(", ", codes)}: {answer}";
        }

        return fuzz.Expected is not null && !codes.Contains(200) ? $"a still-valid raw request answered [{string.Join(", ", codes)}]: {answer}" : null;
    }

    private static bool HasErrorMessage(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<float> Probabilities(string text, bool infer)
    {
        using var json = JsonDocument.Parse(text);
        return infer
            ? [.. json.RootElement.GetProperty("outputs").EnumerateArray().First(o => o.GetProperty("name").GetString() == "Probability").GetProperty("data").EnumerateArray().Select(p => p.GetSingle())]
            : [.. json.RootElement.EnumerateArray().Select(r => r.GetProperty("probability").GetSingle())];
    }

    [GeneratedRegex(@"HTTP/1\.[01] (\d{3}) ")]
    private static partial Regex StatusLine();

    // The JSON console logs unhandled request exceptions (and anything else that went wrong) at Error or Critical.
    [GeneratedRegex("\"LogLevel\":\"(Error|Critical)\"")]
    private static partial Regex ServerFault();
}
