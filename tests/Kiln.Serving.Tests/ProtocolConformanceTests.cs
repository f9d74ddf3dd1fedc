using System.Net;
using System.Text.Json;
using Kiln.Inference;
using Kiln.Serving.Contracts;
using Kiln.Serving.Tests.Support;
using Kiln.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Tests;

public sealed class ProtocolConformanceTests(ServingFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public void AnInfiniteScoreIsWrittenAsTheStringInfinityInsteadOfFailingTheResponse()
    {
        // The service's own response options, as every OIP answer is written with them.
        var options = fixture.App.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var response = new InferResponse("churn", "1", null, [new FloatOutputTensor("Score", [1, 1], [float.PositiveInfinity])]);

        var json = JsonSerializer.Serialize(response, options);

        Assert.Contains("\"data\":[\"Infinity\"]", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LivenessAnswers200()
    {
        using var response = await Client.GetAsync("/v2/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await ReadJson(response)).GetProperty("live").GetBoolean());
    }

    [Fact]
    public async Task ReadinessAnswers200OnceTheModelIsWarm()
    {
        using var response = await Client.GetAsync("/v2/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await ReadJson(response)).GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task ServerMetadataNamesKilnWithTheConfiguredServiceVersion()
    {
        var json = await GetJson("/v2");

        Assert.Equal("kiln", json.GetProperty("name").GetString());
        Assert.Equal("1.2.3-test", json.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("extensions").ValueKind);
    }

    [Theory]
    [InlineData("/v2/models/churn")]
    [InlineData("/v2/models/churn/versions/1")]
    public async Task ModelMetadataListsEveryInputWithDatatypeAndShape(string path)
    {
        var json = await GetJson(path);

        Assert.Equal("churn", json.GetProperty("name").GetString());
        Assert.Equal(["1"], json.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("onnxruntime_onnx", json.GetProperty("platform").GetString());
        var inputs = json.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i);
        Assert.Equal(5, inputs.Count);
        Assert.Equal("FP32", inputs["monthly_charges"].GetProperty("datatype").GetString());
        Assert.Equal("BYTES", inputs["contract"].GetProperty("datatype").GetString());
        Assert.Equal([-1L, 1L], inputs["contract"].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        var outputs = json.GetProperty("outputs").EnumerateArray().Select(o => (o.GetProperty("name").GetString(), o.GetProperty("datatype").GetString()));
        Assert.Equal([(ModelOutputs.Label, "BOOL"), (ModelOutputs.Probability, "FP32"), (ModelOutputs.Score, "FP32")], outputs);
    }

    [Theory]
    [InlineData("/v2/models/churn/ready")]
    [InlineData("/v2/models/churn/versions/1/ready")]
    public async Task ModelReadinessAnswers200(string path)
    {
        using var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v2/models/fraud", "model 'fraud' not found")]
    [InlineData("GET", "/v2/models/churn/versions/7", "model 'churn' version '7' not found")]
    [InlineData("GET", "/v2/models/fraud/ready", "model 'fraud' not found")]
    [InlineData("POST", "/v2/models/fraud/infer", "model 'fraud' not found")]
    [InlineData("POST", "/v2/models/churn/versions/2/infer", "model 'churn' version '2' not found")]
    public async Task UnknownModelOrVersionAnswers404WithAnError(string method, string path, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Bodies.Json(Bodies.Infer(TestModel.Generate(1, 1))) : null };
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, (await ReadJson(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/models/churn/infer")]
    [InlineData("/v2/models/churn/versions/1/infer")]
    public async Task InferReturnsEveryOutputBitwiseEqualToOnnxRuntimeAndEchoesTheId(string path)
    {
        var rows = TestModel.Generate(40, seed: 314);
        var expected = DirectOrt.Score(fixture.ModelPath, rows);

        using var response = await Client.PostAsync(path, Bodies.Json(Bodies.Infer(rows, id: "req-17")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadJson(response);
        Assert.Equal("churn", json.GetProperty("model_name").GetString());
        Assert.Equal("1", json.GetProperty("model_version").GetString());
        Assert.Equal("req-17", json.GetProperty("id").GetString());
        var outputs = json.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o);
        Assert.Equal(ModelOutputs.All, outputs.Keys);
        Assert.Equal("BOOL", outputs[ModelOutputs.Label].GetProperty("datatype").GetString());
        Assert.Equal([40L, 1L], outputs[ModelOutputs.Probability].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(expected.Select(e => e.Label), outputs[ModelOutputs.Label].GetProperty("data").EnumerateArray().Select(d => d.GetBoolean()));
        Assert.Equal(
            expected.Select(e => BitConverter.SingleToInt32Bits(e.Probability)),
            outputs[ModelOutputs.Probability].GetProperty("data").EnumerateArray().Select(d => BitConverter.SingleToInt32Bits(d.GetSingle())));
    }

    [Fact]
    public async Task InferReturnsOnlyTheRequestedOutputs()
    {
        using var response = await Client.PostAsync("/v2/models/churn/infer", Bodies.Json(Bodies.Infer(TestModel.Generate(3, 2), null, ModelOutputs.Probability)), TestContext.Current.CancellationToken);

        var json = await ReadJson(response);
        Assert.Equal([ModelOutputs.Probability], json.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.False(json.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task InferAcceptsNestedDataAndAFlatShape()
    {
        const string body = """
            {"inputs": [
              {"datatype": "FP32", "data": [[3.5], [60]], "shape": [2], "name": "tenure_months"},
              {"name": "monthly_charges", "shape": [2, 1], "datatype": "FP32", "data": [null, 80.25]},
              {"name": "support_calls", "shape": [2, 1], "datatype": "FP32", "data": [4, 0]},
              {"name": "contract", "shape": [2, 1], "datatype": "BYTES", "data": ["month-to-month", "two-year"]},
              {"name": "payment_method", "shape": [2, 1], "datatype": "BYTES", "data": ["check", "card"]}
            ], "parameters": {"content_type": "np"}}
            """;
        var expected = DirectOrt.Score(fixture.ModelPath, [new(3.5f, float.NaN, 4, "month-to-month", "check", false), new(60, 80.25f, 0, "two-year", "card", false)]);

        using var response = await Client.PostAsync("/v2/models/churn/infer", Bodies.Json(body), TestContext.Current.CancellationToken);

        var probabilities = (await ReadJson(response)).GetProperty("outputs")[1].GetProperty("data").EnumerateArray().Select(d => d.GetSingle());
        Assert.Equal(expected.Select(e => e.Probability), probabilities);
    }

    [Fact]
    public async Task PredictReturnsLabelProbabilityModelAndVersionBitwiseEqualToOnnxRuntime()
    {
        var rows = TestModel.Generate(50, seed: 2718);
        var expected = DirectOrt.Score(fixture.ModelPath, rows);

        using var response = await Client.PostAsync("/predict", Bodies.Json(Bodies.Predict(rows)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await ReadJson(response)).EnumerateArray().ToList();
        Assert.Equal(rows.Count, results.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Label, results[i].GetProperty("label").GetBoolean());
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i].Probability), BitConverter.SingleToInt32Bits(results[i].GetProperty("probability").GetSingle()));
            Assert.Equal("churn", results[i].GetProperty("model").GetString());
            Assert.Equal("1", results[i].GetProperty("version").GetString());
        }
    }

    [Fact]
    public async Task PredictAcceptsKeysInAnyOrderAndNullForAMissingNumber()
    {
        const string body = """[{"payment_method": "card", "monthly_charges": null, "contract": "one-year", "support_calls": 2, "tenure_months": 10}]""";
        var expected = DirectOrt.Score(fixture.ModelPath, [new(10, float.NaN, 2, "one-year", "card", false)]);

        using var response = await Client.PostAsync("/predict", Bodies.Json(body), TestContext.Current.CancellationToken);

        Assert.Equal(expected[0].Probability, (await ReadJson(response))[0].GetProperty("probability").GetSingle());
    }

    [Fact]
    public async Task PredictAcceptsACategoryNeverSeenInTrainingAndAnswersWhatOnnxRuntimeAnswers()
    {
        ChurnRow row = new(24, 55.5f, 1, "lifetime-deal", "crypto", false);
        var expected = DirectOrt.Score(fixture.ModelPath, [row]);

        using var response = await Client.PostAsync("/predict", Bodies.Json(Bodies.Predict([row])), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected[0].Probability), BitConverter.SingleToInt32Bits((await ReadJson(response))[0].GetProperty("probability").GetSingle()));
    }

    [Fact]
    public async Task PublishesAnOpenApiDocumentForBothApis()
    {
        var json = await GetJson("/openapi/v1.json");

        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/predict", paths);
        Assert.Contains("/v2/models/{name}/infer", paths);
        Assert.Contains("/v2/health/ready", paths);
    }

    [Fact]
    public async Task EveryResponseCarriesARequestId()
    {
        using var response = await Client.GetAsync("/v2/health/live", TestContext.Current.CancellationToken);

        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Request-Id").Single()));
    }

    private async Task<JsonElement> GetJson(string path)
    {
        using var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJson(response);
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
}
