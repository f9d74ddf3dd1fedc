using System.Net;
using System.Text.Json;
using Kiln.Serving.Tests.Support;
using Kiln.Testing;

namespace Kiln.Serving.Tests;

public sealed class PredictParsingTests(ServingFixture fixture)
{
    [Fact]
    public async Task AnEscapedCategoryScoresExactlyLikeThePlainOneAndRepeatsDoNotMixUpValues()
    {
        var rows = TestModel.Generate(30, seed: 99);
        var plain = Bodies.Predict(rows);

        // The same text with every category's first letter \u-escaped, then the plain body again (cached strings are reused).
        var escaped = plain;
        foreach (var category in TestModel.Contracts.Concat(TestModel.PaymentMethods))
        {
            escaped = escaped.Replace($"\"{category}\"", $"\"\\u{(int)category[0]:x4}{category[1..]}\"", StringComparison.Ordinal);
        }

        Assert.NotEqual(plain, escaped);
        var expected = DirectOrt.Score(fixture.ModelPath, rows).Select(e => e.Probability).ToList();
        Assert.Equal(expected, await Probabilities(escaped));
        Assert.Equal(expected, await Probabilities(plain));
    }

    [Fact]
    public async Task PredictAnswersJsonWithTheUtf8ContentType()
    {
        using var response = await fixture.Client.PostAsync("/predict", Bodies.Json(Bodies.Predict(TestModel.Generate(2, 8))), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task AUtf8ByteOrderMarkBeforeTheBodyIsIgnored()
    {
        var rows = TestModel.Generate(3, 21);
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Bodies.Predict(rows))]);
        content.Headers.ContentType = new("application/json");

        using var response = await fixture.Client.PostAsync("/predict", content, TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DirectOrt.Score(fixture.ModelPath, rows).Select(e => e.Probability), json.RootElement.EnumerateArray().Select(r => r.GetProperty("probability").GetSingle()));
    }

    private async Task<List<float>> Probabilities(string body)
    {
        using var response = await fixture.Client.PostAsync("/predict", Bodies.Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return [.. json.RootElement.EnumerateArray().Select(r => r.GetProperty("probability").GetSingle())];
    }
}
