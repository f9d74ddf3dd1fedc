using Kiln.Inference;
using Kiln.Serving.Configuration;
using Kiln.Serving.Contracts;
using Kiln.Serving.Models;
using Kiln.Serving.Observability;
using Kiln.Serving.Parsing;
using Kiln.Serving.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Apis;

/// <summary>The Open Inference Protocol v2 REST endpoints and the plain-JSON /predict endpoint.</summary>
public static class InferenceApi
{
    /// <summary>Maps /v2/** (OIP) and /predict.</summary>
    /// <param name="app">The endpoint builder.</param>
    public static IEndpointRouteBuilder MapInferenceApi(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol v2");
        v2.MapGet("/health/live", Live).WithName("ServerLive").WithSummary("Liveness: the process answers HTTP.");
        v2.MapGet("/health/ready", Ready).WithName("ServerReady").WithSummary("Readiness: the model is loaded and warm and the instance is not draining.");
        v2.MapGet("/", ServerMetadata).WithName("ServerMetadata").WithSummary("Server name, version and protocol extensions.");

        var model = v2.MapGroup("/models/{name}");
        model.MapGet("/", (string name, [FromServices] ModelHost host) => ModelMetadata(name, null, host))
            .WithName("ModelMetadata").WithSummary("The model's versions, platform, inputs and outputs.");
        model.MapGet("/versions/{version}", ModelMetadata).WithName("ModelVersionMetadata").WithSummary("Metadata of one model version.");
        model.MapGet("/ready", (string name, [FromServices] ModelHost host) => ModelReady(name, null, host))
            .WithName("ModelReady").WithSummary("Whether the model is ready for inference.");
        model.MapGet("/versions/{version}/ready", ModelReady).WithName("ModelVersionReady").WithSummary("Whether the model version is ready for inference.");
        model.MapPost("/infer", (string name, HttpContext context, [FromServices] ModelHost host, [FromServices] IScorer scorer, [FromServices] IOptions<LimitsOptions> limits, [FromServices] ServingMetrics metrics) =>
                InferAsync(name, null, context, host, scorer, limits, metrics))
            .WithName("ModelInfer").WithSummary("Run inference on OIP input tensors.")
            .Accepts<InferRequestSchema>("application/json").Produces<ErrorResponse>(413).Produces<ErrorResponse>(415);
        model.MapPost("/versions/{version}/infer", InferAsync)
            .WithName("ModelVersionInfer").WithSummary("Run inference on one model version.")
            .Accepts<InferRequestSchema>("application/json").Produces<ErrorResponse>(413).Produces<ErrorResponse>(415);

        // The hot path takes its singletons from here: [FromServices] would create a DI scope for every request.
        var services = app.ServiceProvider;
        var host = services.GetRequiredService<ModelHost>();
        var scorer = services.GetRequiredService<IScorer>();
        var limits = services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var metrics = services.GetRequiredService<ServingMetrics>();
        app.MapPost("/predict", (HttpRequest request) => PredictAsync(request.HttpContext, host, scorer, limits, metrics))
            .WithTags("Plain JSON").WithName("Predict")
            .WithSummary("Score a JSON array of records keyed by feature name (numbers, null for missing numbers, strings for categories).")
            .Accepts<Dictionary<string, System.Text.Json.JsonElement>[]>("application/json").Produces<ErrorResponse>(413).Produces<ErrorResponse>(415);
        return app;
    }

    private static Ok<LiveResponse> Live() => TypedResults.Ok(new LiveResponse(true));

    private static JsonHttpResult<ReadyResponse> Ready([FromServices] ModelHost host) =>
        TypedResults.Json(new ReadyResponse(host.IsReady), statusCode: host.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);

    private static Ok<ServerMetadataResponse> ServerMetadata([FromServices] IOptions<ServiceOptions> service) =>
        TypedResults.Ok(new ServerMetadataResponse("kiln", service.Value.Version, ["predict"]));

    private static Results<Ok<ModelMetadataResponse>, JsonHttpResult<ErrorResponse>> ModelMetadata(string name, string? version, [FromServices] ModelHost host) =>
        Find(host, name, version, out var served, out var error) ? TypedResults.Ok(served.Metadata) : error;

    private static Results<JsonHttpResult<ReadyResponse>, JsonHttpResult<ErrorResponse>> ModelReady(string name, string? version, [FromServices] ModelHost host)
    {
        if (!Find(host, name, version, out _, out var error))
        {
            return error;
        }

        return TypedResults.Json(new ReadyResponse(host.IsReady), statusCode: host.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<InferResponse>, JsonHttpResult<ErrorResponse>>> InferAsync(
        string name,
        string? version,
        HttpContext context,
        [FromServices] ModelHost host,
        [FromServices] IScorer scorer,
        [FromServices] IOptions<LimitsOptions> limits,
        [FromServices] ServingMetrics metrics)
    {
        if (!Find(host, name, version, out var served, out var error))
        {
            return error;
        }

        InferRequest request;
        try
        {
            using var body = await RequestBody.ReadAsync(context.Request, limits.Value.MaxRequestBodyBytes, context.RequestAborted);
            request = served.InferReader.Read(body.Memory, limits.Value.MaxBatchRows);
        }
        catch (RequestRejectedException e)
        {
            return Error(e.StatusCode, e.Message);
        }

        var predictions = await ScoreAsync(served, request.Batch, scorer, metrics);
        long[] shape = [predictions.Length, 1];
        var outputs = new List<OutputTensor>(3);
        if (request.Outputs.HasFlag(InferOutputs.PredictedLabel))
        {
            outputs.Add(new BoolOutputTensor(InferRequestReader.OutputNames[0], shape, [.. predictions.Select(p => p.Label)]));
        }

        if (request.Outputs.HasFlag(InferOutputs.Probability))
        {
            outputs.Add(new FloatOutputTensor(InferRequestReader.OutputNames[1], shape, [.. predictions.Select(p => p.Probability)]));
        }

        if (request.Outputs.HasFlag(InferOutputs.Score))
        {
            outputs.Add(new FloatOutputTensor(InferRequestReader.OutputNames[2], shape, [.. predictions.Select(p => p.Score)]));
        }

        return TypedResults.Ok(new InferResponse(served.Name, served.Version, request.Id, outputs));
    }

    private static async Task<Results<PredictResponse, JsonHttpResult<ErrorResponse>>> PredictAsync(
        HttpContext context,
        ModelHost host,
        IScorer scorer,
        LimitsOptions limits,
        ServingMetrics metrics)
    {
        if (host.Model is not { } served)
        {
            return NotReady();
        }

        FeatureBatch batch;
        try
        {
            using var body = await RequestBody.ReadAsync(context.Request, limits.MaxRequestBodyBytes, context.RequestAborted);
            batch = served.PredictReader.Read(body.Memory.Span, limits.MaxBatchRows);
        }
        catch (RequestRejectedException e)
        {
            return Error(e.StatusCode, e.Message);
        }

        var predictions = await ScoreAsync(served, batch, scorer, metrics);
        return new PredictResponse(predictions, served);
    }

    private static async ValueTask<Prediction[]> ScoreAsync(ServedModel served, FeatureBatch batch, IScorer scorer, ServingMetrics metrics)
    {
        metrics.RowsPerRequest.Observe(batch.Rows);
        var predictions = await scorer.ScoreAsync(served.Model, batch);
        foreach (var prediction in predictions)
        {
            metrics.Probability.Observe(prediction.Probability);
        }

        return predictions;
    }

    private static bool Find(ModelHost host, string name, string? version, out ServedModel served, out JsonHttpResult<ErrorResponse> error)
    {
        served = host.Model!;
        if (host.Model is null)
        {
            error = NotReady();
            return false;
        }

        if (!host.Model.Matches(name, version))
        {
            var what = version is null ? $"model '{name}'" : $"model '{name}' version '{version}'";
            error = Error(StatusCodes.Status404NotFound, $"{what} not found; this server serves model '{host.Model.Name}' version '{host.Model.Version}'");
            return false;
        }

        error = null!;
        return true;
    }

    private static JsonHttpResult<ErrorResponse> NotReady() =>
        Error(StatusCodes.Status503ServiceUnavailable, "the model is still loading; poll /v2/health/ready");

    private static JsonHttpResult<ErrorResponse> Error(int status, string message) => TypedResults.Json(new ErrorResponse(message), statusCode: status);
}
