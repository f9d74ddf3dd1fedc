using System.Text.Json;
using Kiln.Inference;
using Kiln.Serving.Contracts;
using Kiln.Serving.Models;
using Microsoft.AspNetCore.Http.Metadata;

namespace Kiln.Serving.Apis;

/// <summary>The /predict answer, a JSON array of <see cref="PredictResult"/>, written straight to the response with pre-encoded names.</summary>
/// <param name="predictions">The scored rows, in request order.</param>
/// <param name="served">The model the rows were scored by, whose name and version every result carries.</param>
public sealed class PredictResponse(Prediction[] predictions, ServedModel served) : IResult, IEndpointMetadataProvider
{
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Probability = JsonEncodedText.Encode("probability");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes the array; the same bytes the serializer would give for <c>PredictResult[]</c>, without building the records.</summary>
    /// <param name="httpContext">The request.</param>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        // Written synchronously into the pipe's buffer and flushed once: /predict is the hot path, one writer per thread is reused.
        var body = response.BodyWriter;
        var writer = t_writer ??= new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(body);
        try
        {
            writer.WriteStartArray();
            foreach (var prediction in predictions)
            {
                writer.WriteStartObject();
                writer.WriteBoolean(Label, prediction.Label);
                writer.WriteNumber(Probability, prediction.Probability);
                writer.WriteString(Model, served.EncodedName);
                writer.WriteString(Version, served.EncodedVersion);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }

        return body.FlushAsync(httpContext.RequestAborted).AsTask();
    }

    /// <summary>Describes the 200 answer for OpenAPI as the serializer's <c>PredictResult[]</c>.</summary>
    /// <param name="method">The endpoint's method.</param>
    /// <param name="builder">The endpoint.</param>
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PredictResult[]), ["application/json"]));
}
