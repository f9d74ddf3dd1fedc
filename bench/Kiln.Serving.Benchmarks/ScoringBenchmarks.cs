using System.Text;
using BenchmarkDotNet.Attributes;
using Kiln.Inference;
using Kiln.Inference.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Kiln.Serving.Benchmarks;

/// <summary>Raw Kiln.Inference scoring vs the whole /predict pipeline in-process (JSON parse, score, JSON write), 1 and 100 rows.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private string _directory = "";
    private OnnxModel _model = null!;
    private FeatureBatch _batch = null!;
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;
    private byte[] _body = [];

    /// <summary>Rows per call.</summary>
    [Params(1, 100)]
    public int Rows { get; set; }

    /// <summary>Writes the model, loads it and starts the in-process service.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("kiln-bench-").FullName;
        var modelPath = Path.Combine(_directory, "model.onnx");
        TestModel.TrainAndExport(modelPath);
        _model = OnnxModel.Load(modelPath);
        var rows = TestModel.Generate(Rows, 3);
        _batch = _model.CreateBatch(Rows);
        for (var r = 0; r < Rows; r++)
        {
            _batch.SetNumeric(_batch.IndexOf("tenure_months"), r, rows[r].TenureMonths);
            _batch.SetNumeric(_batch.IndexOf("monthly_charges"), r, rows[r].MonthlyCharges);
            _batch.SetNumeric(_batch.IndexOf("support_calls"), r, rows[r].SupportCalls);
            _batch.SetCategorical(_batch.IndexOf("contract"), r, rows[r].Contract);
            _batch.SetCategorical(_batch.IndexOf("payment_method"), r, rows[r].PaymentMethod);
        }

        _body = Encoding.UTF8.GetBytes(LoadTestData.Body(rows));
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kiln:Model:Path"] = modelPath,
            ["Logging:LogLevel:Default"] = "Warning",
        })));
        _client = _app.CreateClient();
        while (!_client.GetAsync("/v2/health/ready").Result.IsSuccessStatusCode)
        {
            Thread.Sleep(20);
        }
    }

    /// <summary>Stops the service and removes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.Dispose();
        _model.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One OnnxModel.Score call on a prepared batch.</summary>
    [Benchmark(Baseline = true)]
    public Prediction[] RawScore() => _model.Score(_batch);

    /// <summary>POST /predict through the real middleware pipeline on an in-memory server.</summary>
    [Benchmark]
    public async Task<int> ServicePredict()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new("application/json");
        using var response = await _client.PostAsync("/predict", content);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }
}
