using System.Net;
using System.Text;
using System.Text.Json;
using Kiln.Inference;
using Kiln.Serving.Tests.Support;
using Kiln.Testing;

namespace Kiln.Serving.Tests;

public sealed class RequestValidationTests(ServingFixture fixture)
{
    private const string Good = "\"tenure_months\": 5, \"monthly_charges\": 70.5, \"support_calls\": 1, \"contract\": \"one-year\", \"payment_method\": \"card\"";

    [Theory]
    [InlineData($$"""[{{{Good}}}, {{{Good}}}, {"tenure_months": 5, "monthly_charges": "abc", "support_calls": 1, "contract": "one-year", "payment_method": "card"}]""", "row 3: 'monthly_charges' must be a number (or null when missing), got \"abc\"")]
    [InlineData("""[{"tenure_months": 5, "support_calls": 1, "contract": "one-year", "payment_method": "card"}]""", "row 1: missing feature 'monthly_charges'")]
    [InlineData($$"""[{{{Good}}, "customer_id": "C-1"}]""", "row 1: unknown feature 'customer_id'")]
    [InlineData($$"""[{{{Good}}, "contract": "two-year"}]""", "row 1: feature 'contract' appears more than once")]
    [InlineData("""[{"tenure_months": 5, "monthly_charges": 70.5, "support_calls": 1, "contract": null, "payment_method": "card"}]""", "row 1: 'contract' must be a string, got null")]
    [InlineData("""[{"tenure_months": 5, "monthly_charges": 70.5, "support_calls": 1, "contract": 2, "payment_method": "card"}]""", "row 1: 'contract' must be a string, got 2")]
    [InlineData("""[{"tenure_months": true, "monthly_charges": 70.5, "support_calls": 1, "contract": "one-year", "payment_method": "card"}]""", "row 1: 'tenure_months' must be a number (or null when missing), got true")]
    [InlineData("""[{"tenure_months": "NaN", "monthly_charges": 70.5, "support_calls": 1, "contract": "one-year", "payment_method": "card"}]""", "row 1: 'tenure_months' must be a number (or null when missing), got \"NaN\"")]
    [InlineData("""[{"tenure_months": 1e39, "monthly_charges": 70.5, "support_calls": 1, "contract": "one-year", "payment_method": "card"}]""", "row 1: 'tenure_months' is outside the float32 range, got 1e39")]
    [InlineData("""[{"tenure_months": [1], "monthly_charges": 70.5, "support_calls": 1, "contract": "one-year", "payment_method": "card"}]""", "row 1: 'tenure_months' must be a number (or null when missing), got an array")]
    [InlineData("[]", "empty batch")]
    [InlineData("""{"tenure_months": 5}""", "the body must be a JSON array of records keyed by feature name, got an object")]
    [InlineData($$"""[{{{Good}}}, 7]""", "row 2: must be an object keyed by feature name, got 7")]
    [InlineData($$"""[{{{Good}}}""", "malformed JSON at line 1")]
    [InlineData($$"""[{{{Good}}}] x""", "malformed JSON at line 1, byte 119: 'x' is invalid after a single JSON value")]
    [InlineData("[{\"tenure_months\": 5,\n \"monthly_charges\": 7O}]", "malformed JSON at line 2, byte 22")]
    [InlineData("", "the body is empty")]
    public async Task PredictRejectsBadInputWith400NamingRowAndField(string body, string expected)
    {
        var error = await PostExpectingError("/predict", body, HttpStatusCode.BadRequest);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData($$"""[{{{Good}}}, {"tenure_months": 5, "monthly_charges": 70.5, "support_calls": 1, "contract": "\ud800", "payment_method": "card"}]""", "row 2: 'contract' is a string that holds an unpaired UTF-16 surrogate escape")]
    [InlineData("""[{"tenure_months": 5, "monthly_charges": 70.5, "support_calls": 1, "contract": "one-year", "payment_method": "\udc00\ud800"}]""", "row 1: 'payment_method' is a string that holds an unpaired")]
    [InlineData("""[{"tenure_months": 5, "\ud800": 70.5, "support_calls": 1, "contract": "one-year", "payment_method": "card"}]""", "row 1: a key is a string that holds an unpaired")]
    [InlineData("""[{"tenure_months": "\ud800", "monthly_charges": 70.5, "support_calls": 1, "contract": "one-year", "payment_method": "card"}]""", "row 1: 'tenure_months' must be a number (or null when missing), got a string that holds an unpaired")]
    public async Task PredictRejectsAnUnpairedSurrogateEscapeNamingRowAndField(string body, string expected)
    {
        var error = await PostExpectingError("/predict", body, HttpStatusCode.BadRequest);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PredictRejectsAKeyThatIsNotUtf8NamingTheRow()
    {
        byte[] body = [.. "[{\"tenure_months\": 5, \"monthly_"u8, 0xFF, .. "charges\": 70.5, \"support_calls\": 1, \"contract\": \"one-year\", \"payment_method\": \"card\"}]"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await fixture.Client.PostAsync("/predict", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("row 1: a key is a string that is not valid UTF-8", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"id\":\"req-1\"", "\"id\":\"\\ud800\"", "'id' is a string that holds an unpaired")]
    [InlineData("\"id\":\"req-1\"", "\"\\ud800\":1", "the request: a key is a string that holds an unpaired")]
    [InlineData("\"datatype\":\"BYTES\",\"data\":[\"", "\"datatype\":\"BYTES\",\"data\":[\"\\ud800", "inputs[3] ('contract'): data[0] is a string that holds an unpaired")]
    [InlineData("{\"name\":\"tenure_months\"", "{\"name\":\"\\udfff\"", "inputs[0].name is a string that holds an unpaired")]
    [InlineData("\"datatype\":\"FP32\"", "\"datatype\":\"FP\\ud80032\"", "inputs[0].datatype is a string that holds an unpaired")]
    [InlineData("{\"name\":\"Probability\"}", "{\"name\":\"\\ud800\"}", "outputs[0].name is a string that holds an unpaired")]
    [InlineData("{\"name\":\"Probability\"}", "{\"\\ud800\":\"Probability\"}", "outputs[0]: a key is a string that holds an unpaired")]
    [InlineData("{\"name\":\"tenure_months\"", "{\"\\ud800\":1,\"name\":\"tenure_months\"", "inputs[0]: a key is a string that holds an unpaired")]
    public async Task InferRejectsAnUnpairedSurrogateEscapeNamingTheField(string find, string replacement, string expected)
    {
        var valid = Bodies.Infer(TestModel.Generate(1, 9), "req-1", "Probability");
        var first = valid.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{find}' is not in {valid}");
        var body = valid[..first] + replacement + valid[(first + find.Length)..];

        var error = await PostExpectingError("/v2/models/churn/infer", body, HttpStatusCode.BadRequest);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsACompressedBodyWith415()
    {
        using var content = Bodies.Json(Bodies.Predict(TestModel.Generate(1, 1)));
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await fixture.Client.PostAsync("/predict", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Encoding 'gzip' is not supported", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PredictRejectsMoreRowsThanTheLimit()
    {
        var error = await PostExpectingError("/predict", Bodies.Predict(TestModel.Generate(fixture.MaxBatchRows + 1, 3)), HttpStatusCode.BadRequest);

        Assert.Contains($"too many rows: the limit is {fixture.MaxBatchRows}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/predict")]
    [InlineData("/v2/models/churn/infer")]
    public async Task RejectsABodyOverTheSizeLimitWith413(string path)
    {
        var body = "[" + new string(' ', fixture.MaxRequestBodyBytes) + "]";

        var error = await PostExpectingError(path, body, HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains($"larger than {fixture.MaxRequestBodyBytes} bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsAChunkedBodyOverTheSizeLimitWith413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("[" + new string(' ', fixture.MaxRequestBodyBytes * 2) + "]")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await fixture.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/predict", "text/csv", "got Content-Type 'text/csv'")]
    [InlineData("/predict", null, "got no Content-Type")]
    [InlineData("/v2/models/churn/infer", "text/plain; charset=utf-8", "must be JSON")]
    [InlineData("/predict", "application/json; charset=utf-16", "the body must be UTF-8 JSON, got charset 'utf-16'")]
    [InlineData("/v2/models/churn/infer", "application/json; charset=\"latin1\"", "got charset 'latin1'")]
    public async Task RejectsAWrongContentTypeWith415(string path, string? mediaType, string expected)
    {
        using var response = await fixture.Client.PostAsync(path, Bodies.Json(Bodies.Predict(TestModel.Generate(1, 1)), mediaType), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains(expected, await ErrorOf(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"datatype\":\"FP32\",\"data\":[1]", "BYTES", "inputs[3] ('contract'): datatype must be BYTES, got 'FP32'")]
    [InlineData("\"shape\":[1,2]", null, "inputs[3] ('contract'): shape must be [rows, 1] or [rows], got [1, 2]")]
    [InlineData("\"shape\":[2,1]", null, "inputs[3] ('contract'): shape says 2 rows but inputs[0] has 1")]
    [InlineData("\"data\":[\"a\",\"b\"]", null, "inputs[3] ('contract'): data has more than the 1 elements its shape says")]
    [InlineData("\"data\":[]", null, "inputs[3] ('contract'): shape says 1 elements but data has 0")]
    [InlineData("\"data\":[7]", null, "inputs[3] ('contract'): data[0] must be a string, got 7")]
    [InlineData("\"name\":\"contract_type\"", null, "inputs[3]: unknown input 'contract_type'")]
    [InlineData("\"shape\":[-1,1]", null, "inputs[3].shape[0] must be a non-negative integer, got -1")]
    [InlineData("\"data\":\"one-year\"", null, "inputs[3].data must be an array, got \"one-year\"")]
    public async Task InferRejectsAWrongTensorNamingTheInput(string replacement, string? _, string expected)
    {
        // Replace one field of the 'contract' tensor (inputs[3]) in an otherwise valid request.
        var body = Bodies.Infer(TestModel.Generate(1, 9));
        var tensor = body.IndexOf("{\"name\":\"contract\"", StringComparison.Ordinal);
        var end = body.IndexOf('}', tensor);
        var fields = body[(tensor + 1)..end].Split(",\"").Select((f, i) => i == 0 ? f : "\"" + f).ToList();
        var key = replacement[..(replacement.IndexOf(':') + 1)];
        var replaced = fields.Select(f => f.StartsWith(key, StringComparison.Ordinal) ? replacement : f);
        body = body[..(tensor + 1)] + string.Join(",", replaced.Distinct()) + body[end..];

        var error = await PostExpectingError("/v2/models/churn/infer", body, HttpStatusCode.BadRequest);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"inputs": []}""", "empty batch")]
    [InlineData("""{"id": 5, "inputs": []}""", "'id' must be a string, got 5")]
    [InlineData("""{"outputs": []}""", "'inputs' is required")]
    [InlineData("""{"inputs": {}}""", "'inputs' must be an array of tensors, got an object")]
    [InlineData("""{"inputs": [{"name": "tenure_months", "shape": [1, 1], "datatype": "FP32", "data": [1]}]}""", "missing input 'monthly_charges', 'support_calls', 'contract', 'payment_method'")]
    [InlineData("""{"inputs": [{"name": "tenure_months", "shape": [1, 1], "datatype": "FP32"}]}""", "inputs[0] ('tenure_months'): data is required")]
    [InlineData("[1, 2]", "the body must be a JSON object with an 'inputs' array, got an array")]
    public async Task InferRejectsABadEnvelope(string body, string expected)
    {
        var error = await PostExpectingError("/v2/models/churn/infer", body, HttpStatusCode.BadRequest);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferRejectsAnUnknownOutputNamingIt()
    {
        var error = await PostExpectingError("/v2/models/churn/infer", Bodies.Infer(TestModel.Generate(1, 1), null, ModelOutputs.Probability, "Logits"), HttpStatusCode.BadRequest);

        Assert.Contains("outputs[1]: unknown output 'Logits'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferRejectsMoreRowsThanTheLimit()
    {
        var error = await PostExpectingError("/v2/models/churn/infer", Bodies.Infer(TestModel.Generate(fixture.MaxBatchRows + 1, 4)), HttpStatusCode.BadRequest);

        Assert.Contains("too many rows", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JunkBodiesAlwaysGetAClientErrorNeverA500()
    {
        var random = new Random(20240601);
        var valid = Encoding.UTF8.GetBytes(Bodies.Predict(TestModel.Generate(3, 8)));
        var validInfer = Encoding.UTF8.GetBytes(Bodies.Infer(TestModel.Generate(3, 8)));
        var junk = new List<byte[]>
        {
            Array.Empty<byte>(), "null"u8.ToArray(), "true"u8.ToArray(), "\"text\""u8.ToArray(), "{}"u8.ToArray(), "[[]]"u8.ToArray(), "[{}]"u8.ToArray(),
            "[null]"u8.ToArray(), "{\"inputs\":null}"u8.ToArray(), "{\"inputs\":[null]}"u8.ToArray(), "{\"inputs\":[{\"shape\":[99999999999]}]}"u8.ToArray(),
            Encoding.UTF8.GetBytes(new string('[', 5000)), Encoding.UTF8.GetBytes("[" + new string('{', 100)), new byte[] { 0xff, 0xfe, 0x00, 0x41 },
            Encoding.UTF8.GetBytes("[{\"tenure_months\": 1" + new string('0', 400) + "}]"), Encoding.UTF8.GetBytes("[{\"\\u0000\": 1}]"),
        };
        for (var i = 0; i < 60; i++)
        {
            var source = i % 2 == 0 ? valid : validInfer;
            var mutated = source.ToArray();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            junk.Add(random.Next(3) == 0 ? mutated[..random.Next(mutated.Length)] : mutated);
        }

        foreach (var body in junk)
        {
            foreach (var path in new[] { "/predict", "/v2/models/churn/infer" })
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await fixture.Client.PostAsync(path, content, TestContext.Current.CancellationToken);

                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.True(status is 200 or (>= 400 and < 500), $"{path} answered {status} to {Convert.ToBase64String(body)}: {text}");
                if (status != 200)
                {
                    Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()));
                }
            }
        }
    }

    private async Task<string> PostExpectingError(string path, string body, HttpStatusCode status)
    {
        using var response = await fixture.Client.PostAsync(path, Bodies.Json(body), TestContext.Current.CancellationToken);
        var error = await ErrorOf(response);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {error}");
        return error;
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetString()!;
}
