using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Kiln.Serving.Benchmarks;

/// <summary>What drift monitoring adds to a /predict request: the in-process pipeline with Kiln:Drift:Enabled on and off, in one run.</summary>
[MemoryDiagnoser]
public class DriftBenchmarks
{
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;
    private byte[] _body = [];

    /// <summary>Whether drift monitoring is on.</summary>
    [Params(true, false)]
    public bool Drift { get; set; }

    /// <summary>Rows per request.</summary>
    [Params(1, 100)]
    public int Rows { get; set; }

    /// <summary>Starts the in-process service on the real model (which must carry reference statistics).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = BenchmarkData.Locate();
        using (var model = Kiln.Inference.OnnxModel.Load(data.ModelPath))
        {
            if (!model.Metadata.ContainsKey(Kiln.Statistics.Reference.ReferenceStatistics.MetadataKey))
            {
                throw new InvalidOperationException($"{data.ModelPath} carries no reference statistics: retrain it with ./build.sh Train");
            }

            _body = data.PredictBody(model, Rows);
        }

        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kiln:Model:Path"] = data.ModelPath,
            ["Kiln:Drift:Enabled"] = Drift ? "true" : "false",
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
    }

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
