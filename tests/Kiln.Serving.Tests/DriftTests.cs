using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiln.Testing;
using Kiln.Serving.Tests.Support;

namespace Kiln.Serving.Tests;

public sealed partial class DriftTests(ServingFixture fixture)
{
    private static readonly string[] Features = ["tenure_months", "monthly_charges", "support_calls", "contract", "payment_method"];

    [Fact]
    public async Task ALoadWithOneShiftedFeatureRaisesOnlyThatFeaturesPsiAboveTheThreshold()
    {
        var model = DriftModel.WriteWith(fixture.ModelPath, Path.Combine(fixture.ScratchDirectory, "drift-shift.onnx"), DriftModel.Reference().ToJson());
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), fixture.ProcessEnvironment(
            ("Kiln__Model__Path", model), ("Kiln__Drift__WindowRows", "2000"), ("Kiln__Drift__MinimumRows", "1000")));
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{service.Port}"), Timeout = TimeSpan.FromSeconds(10) };

        // Live traffic like the training data: every feature stable.
        await LoadAsync(client, TestModel.Generate(2000, seed: 101));
        var before = Psi(await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken));

        // Then tenure moves: the same customers, each two years longer with the company.
        await LoadAsync(client, TestModel.Generate(2000, seed: 202).Select(r => r with { TenureMonths = r.TenureMonths + 24 }).ToList());
        var metrics = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var after = Psi(metrics);
        using var report = JsonDocument.Parse(await client.GetStringAsync("/v2/models/churn/drift", TestContext.Current.CancellationToken));

        Assert.Equal(Features.Order(), before.Keys.Order());
        Assert.All(before, p => Assert.True(p.Value < 0.2, $"{p.Key}: PSI {p.Value} before the shift"));
        Assert.True(after["tenure_months"] >= 0.2, $"tenure_months: PSI {after["tenure_months"]} after the shift");
        Assert.All(after.Where(p => p.Key != "tenure_months"), p => Assert.True(p.Value < 0.2, $"{p.Key}: PSI {p.Value} after the shift"));
        Assert.Contains("kiln_feature_drifted{feature=\"tenure_months\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_feature_drifted{feature=\"contract\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_feature_drift_threshold 0.2", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_feature_drift_window_rows 2000", metrics, StringComparison.Ordinal);
        var root = report.RootElement;
        Assert.True(root.GetProperty("available").GetBoolean());
        Assert.Equal(4000, root.GetProperty("rows_observed").GetInt64());
        var tenure = root.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "tenure_months");
        Assert.True(tenure.GetProperty("drifted").GetBoolean());
        Assert.Equal("drifted", tenure.GetProperty("status").GetString());
        Assert.Equal(after["tenure_months"], tenure.GetProperty("psi").GetDouble(), 5);
    }

    [Fact]
    public async Task AModelWithoutReferenceStatisticsServesAndReportsDriftUnavailable()
    {
        using var predict = await fixture.Client.PostAsync("/predict", Bodies.Json(Bodies.Predict(TestModel.Generate(3, 4))), TestContext.Current.CancellationToken);
        using var drift = await fixture.Client.GetAsync("/v2/models/churn/drift", TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await drift.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var metrics = await fixture.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal(HttpStatusCode.OK, drift.StatusCode);
        Assert.False(report.RootElement.GetProperty("available").GetBoolean());
        Assert.Contains("carries no reference statistics", report.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("kiln_feature_drift_available 0", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("kiln_feature_drift_psi{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenReferenceStatisticsLeaveTheModelServingAndSayWhatIsWrong()
    {
        var model = DriftModel.WriteWith(fixture.ModelPath, Path.Combine(fixture.ScratchDirectory, "drift-broken.onnx"), "{\"version\": 1, \"rows\": ");
        await using var app = new KilnAppFactory(fixture.Settings(("Kiln:Model:Path", model)));
        using var client = await app.CreateReadyClientAsync();

        using var predict = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(TestModel.Generate(2, 4))), TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await client.GetStringAsync("/v2/models/churn/drift", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.False(report.RootElement.GetProperty("available").GetBoolean());
        Assert.Contains("not valid JSON", report.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountsScoredRowsButNotTheWarmUpAndWaitsForTheMinimumBeforeAPsi()
    {
        var model = DriftModel.WriteWith(fixture.ModelPath, Path.Combine(fixture.ScratchDirectory, "drift-window.onnx"), DriftModel.Reference().ToJson());
        await using var app = new KilnAppFactory(fixture.Settings(("Kiln:Model:Path", model), ("Kiln:Drift:MinimumRows", "10")));
        using var client = await app.CreateReadyClientAsync();

        using var empty = JsonDocument.Parse(await client.GetStringAsync("/v2/models/churn/drift", TestContext.Current.CancellationToken));
        using var predict = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(TestModel.Generate(4, 8))), TestContext.Current.CancellationToken);
        using var few = JsonDocument.Parse(await client.GetStringAsync("/v2/models/churn/drift", TestContext.Current.CancellationToken));
        using var infer = await client.PostAsync("/v2/models/churn/infer", Bodies.Json(Bodies.Infer(TestModel.Generate(8, 9))), TestContext.Current.CancellationToken);
        using var enough = JsonDocument.Parse(await client.GetStringAsync("/v2/models/churn/drift", TestContext.Current.CancellationToken));
        using var wrongName = await client.GetAsync("/v2/models/other/drift", TestContext.Current.CancellationToken);

        Assert.Equal(0, empty.RootElement.GetProperty("window_filled").GetInt32());
        Assert.Equal(4, few.RootElement.GetProperty("window_filled").GetInt32());
        Assert.All(few.RootElement.GetProperty("features").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("psi").ValueKind));
        Assert.Equal(HttpStatusCode.OK, infer.StatusCode);
        Assert.Equal(12, enough.RootElement.GetProperty("window_filled").GetInt32());
        Assert.All(enough.RootElement.GetProperty("features").EnumerateArray(), f => Assert.Equal(JsonValueKind.Number, f.GetProperty("psi").ValueKind));
        Assert.Equal(HttpStatusCode.NotFound, wrongName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
    }

    private static async Task LoadAsync(HttpClient client, List<ChurnRow> rows)
    {
        // Four concurrent clients, 25 rows a request: a bounded load, sent only to the service on loopback.
        var batches = rows.Chunk(25).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Length)
            {
                using var response = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(batches[index])), TestContext.Current.CancellationToken);
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    private static Dictionary<string, double> Psi(string metrics) =>
        PsiLine().Matches(metrics).ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("^kiln_feature_drift_psi\\{feature=\"([^\"]+)\"\\} (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex PsiLine();
}
