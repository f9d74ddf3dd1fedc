using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kiln.Testing;

namespace Kiln.Serving.Tests.Support;

/// <summary>Builds request bodies from synthetic rows.</summary>
public static class Bodies
{
    /// <summary>A /predict body: one record per row keyed by the CSV column names; NaN becomes null.</summary>
    /// <param name="rows">The rows.</param>
    public static string Predict(IEnumerable<ChurnRow> rows) => TestModel.PredictBody(rows);

    /// <summary>An OIP inference body with shape [n, 1] per input.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="id">The request id, if any.</param>
    /// <param name="outputs">Requested outputs, if any.</param>
    public static string Infer(IReadOnlyList<ChurnRow> rows, string? id = null, params string[] outputs)
    {
        string Tensor(string name, string datatype, IEnumerable<string> data) =>
            $"{{\"name\":\"{name}\",\"shape\":[{rows.Count},1],\"datatype\":\"{datatype}\",\"data\":[{string.Join(",", data)}]}}";

        var inputs = string.Join(",",
            Tensor("tenure_months", "FP32", rows.Select(r => TestModel.JsonNumber(r.TenureMonths))),
            Tensor("monthly_charges", "FP32", rows.Select(r => TestModel.JsonNumber(r.MonthlyCharges))),
            Tensor("support_calls", "FP32", rows.Select(r => TestModel.JsonNumber(r.SupportCalls))),
            Tensor("contract", "BYTES", rows.Select(r => JsonSerializer.Serialize(r.Contract))),
            Tensor("payment_method", "BYTES", rows.Select(r => JsonSerializer.Serialize(r.PaymentMethod))));
        var idPart = id is null ? "" : $"\"id\":{JsonSerializer.Serialize(id)},";
        var outputPart = outputs.Length == 0 ? "" : ",\"outputs\":[" + string.Join(",", outputs.Select(o => $"{{\"name\":\"{o}\"}}")) + "]";
        return $"{{{idPart}\"inputs\":[{inputs}]{outputPart}}}";
    }

    /// <summary>JSON content with the given media type.</summary>
    /// <param name="body">The body text.</param>
    /// <param name="mediaType">The Content-Type, or null for none.</param>
    public static HttpContent Json(string body, string? mediaType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (mediaType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        return content;
    }
}
