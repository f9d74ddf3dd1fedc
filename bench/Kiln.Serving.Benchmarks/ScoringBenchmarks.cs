using BenchmarkDotNet.Attributes;
using Kiln.Inference;
using Kiln.Serving.Drift;
using Kiln.Serving.Parsing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Kiln.Statistics.Reference;
using Microsoft.Extensions.Configuration;

namespace Kiln.Serving.Benchmarks;

/// <summary>Raw Kiln.Inference scoring vs the /predict pipeline in-process, on the real model and held-out rows, 1 and 100 rows.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private OnnxModel _model = null!;
    private PredictRequestReader _reader = null!;
    private FeatureBatch _batch = null!;
    private FeatureWindow _window = null!;
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;
    private byte[] _body = [];

    /// <summary>Rows per call.</summary>
    [Params(1, 100)]
    public int Rows { get; set; }

    /// <summary>Loads the model, prepares the batch and body and starts the in-process service.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = BenchmarkData.Locate();
        _model = OnnxModel.Load(data.ModelPath);
        _reader = new PredictRequestReader(_model);
        _body = data.PredictBody(_model, Rows);
        _batch = _reader.Read(_body, Rows);
        // The window the service keeps when Kiln:Drift is on (default 10,000 rows), filled so every Add also evicts.
        _window = FeatureWindow.Create(_model, ReferenceStatistics.Parse(_model.Metadata[ReferenceStatistics.MetadataKey]), capacity: 10_000);
        for (var filled = 0; filled < 10_000; filled += Rows)
        {
            _window.Add(_batch);
        }

        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kiln:Model:Path"] = data.ModelPath,
            ["Logging:LogLevel:Default"] = "Warning",
        })));
        _client = _app.CreateClient();
        for (var attempt = 0; !_client.GetAsync("/v2/health/ready").Result.IsSuccessStatusCode; attempt++)
        {
            if (attempt > 500)
            {
                throw new TimeoutException("the in-process service did not become ready within 10 s");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Stops the service.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.Dispose();
        _model.Dispose();
    }

    /// <summary>One OnnxModel.Score call on a prepared batch: ONNX Runtime plus tensor creation, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public Prediction[] RawScore() => _model.Score(_batch);

    /// <summary>What drift monitoring adds to a scored batch: its rows binned into the sliding window (Kiln:Drift:Enabled).</summary>
    [Benchmark]
    public void DriftObserve() => _window.Add(_batch);

    /// <summary>The service's parser then the same Score call: what JSON parsing adds.</summary>
    [Benchmark]
    public Prediction[] ParseAndScore() => _model.Score(_reader.Read(_body, Rows));

    /// <summary>POST /predict through the real middleware pipeline on an in-memory server (no sockets).</summary>
    [Benchmark]
    public async Task<int> ServicePredict()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new("application/json");
        using var response = await _client.PostAsync("/predict", content);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }
}
