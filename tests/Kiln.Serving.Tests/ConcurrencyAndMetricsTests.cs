using System.Net;
using System.Text.Json;
using Kiln.Hashing;
using Kiln.Serving.Tests.Support;
using Kiln.Testing;

namespace Kiln.Serving.Tests;

public sealed class ConcurrencyAndMetricsTests(ServingFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnswersSixtyFourConcurrentClientsCorrectlyOnARealPort(bool microBatching)
    {
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), fixture.ProcessEnvironment(
            ("Kiln__Batching__Enabled", microBatching ? "true" : "false"), ("Kiln__Batching__MaxDelayMicroseconds", "200")));
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        var pool = TestModel.Generate(200, 4242);
        var expected = DirectOrt.Score(fixture.ModelPath, pool);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{service.Port}"), Timeout = TimeSpan.FromSeconds(30) };

        var failures = await Task.WhenAll(Enumerable.Range(0, 64).Select(async c =>
        {
            var wrong = 0;
            for (var i = 0; i < 25; i++)
            {
                var start = (c * 31 + i * 7) % (pool.Count - 3);
                var count = 1 + ((c + i) % 3);
                using var response = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(pool.Skip(start).Take(count))));
                var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
                for (var r = 0; r < count; r++)
                {
                    wrong += results[r].GetProperty("probability").GetSingle() == expected[start + r].Probability ? 0 : 1;
                }
            }

            return wrong;
        }));

        Assert.Equal(0, failures.Sum());
    }

    [Fact]
    public async Task ExposesRequestModelAndPredictionMetrics()
    {
        using var predict = await fixture.Client.PostAsync("/predict", Bodies.Json(Bodies.Predict(TestModel.Generate(4, 6))), TestContext.Current.CancellationToken);
        using var rejected = await fixture.Client.PostAsync("/predict", Bodies.Json("[]"), TestContext.Current.CancellationToken);

        var metrics = await fixture.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Contains("kiln_http_requests_total{route=\"/predict\",method=\"POST\",status=\"200\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_http_requests_total{route=\"/predict\",method=\"POST\",status=\"400\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_http_request_duration_seconds_bucket{route=\"/predict\"", metrics, StringComparison.Ordinal);
        Assert.Contains($"kiln_model_info{{name=\"churn\",version=\"1\",sha256=\"{FileHash.Sha256(fixture.ModelPath)}\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_inference_rows_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_inference_batch_size_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_predicted_probability_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("process_working_set_bytes", metrics, StringComparison.Ordinal);
    }
}
