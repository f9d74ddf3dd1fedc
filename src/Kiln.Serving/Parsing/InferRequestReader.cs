using System.Text.Json;
using Kiln.Inference;

namespace Kiln.Serving.Parsing;

/// <summary>Reads an Open Inference Protocol v2 inference request straight into a <see cref="FeatureBatch"/>.</summary>
/// <remarks>
/// The first pass records each input's name, datatype, shape and where its data array sits in the body, because OIP
/// does not fix the key order; once every input is checked the data arrays are re-read into the batch.
/// </remarks>
/// <param name="model">The served model.</param>
public sealed class InferRequestReader(OnnxModel model)
{
    /// <summary>The OIP names of the outputs, in response order.</summary>
    public static readonly string[] OutputNames = [ModelOutputs.Label, ModelOutputs.Probability, ModelOutputs.Score];

    private readonly string _inputList = string.Join(", ", model.Inputs.Select(i => i.Name));

    /// <summary>Parses and validates the body; throws <see cref="RequestRejectedException"/> naming the input and element.</summary>
    /// <param name="json">The UTF-8 body.</param>
    /// <param name="maxRows">The row limit (<c>Kiln:Limits:MaxBatchRows</c>).</param>
    public InferRequest Read(ReadOnlyMemory<byte> json, int maxRows)
    {
        if (json.IsEmpty)
        {
            throw Rejected("the body is empty: send an OIP inference request {\"inputs\": [...]}");
        }

        try
        {
            var (id, tensors, outputs) = ReadEnvelope(json.Span);
            var rows = CheckTensors(tensors, maxRows);
            var batch = model.CreateBatch(rows);
            foreach (var tensor in tensors)
            {
                FillData(json.Span.Slice(tensor.DataStart, tensor.DataLength), batch, tensor);
            }

            return new InferRequest(id, batch, outputs);
        }
        catch (JsonException e)
        {
            throw JsonText.Malformed(e);
        }
    }

    private (string? Id, List<InputTensor> Tensors, InferOutputs Outputs) ReadEnvelope(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw Rejected("the body is empty: send an OIP inference request {\"inputs\": [...]}");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Rejected($"the body must be a JSON object with an 'inputs' array, got {JsonText.Describe(ref reader)}");
        }

        string? id = null;
        List<InputTensor>? tensors = null;
        var outputs = InferOutputs.All;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            JsonText.CheckName(ref reader, "the request");
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? JsonText.ReadString(ref reader, "'id'") : throw Rejected($"'id' must be a string, got {JsonText.Describe(ref reader)}");
            }
            else if (reader.ValueTextEquals("inputs"u8))
            {
                reader.Read();
                tensors = ReadInputs(ref reader);
            }
            else if (reader.ValueTextEquals("outputs"u8))
            {
                reader.Read();
                outputs = ReadOutputs(ref reader);
            }
            else
            {
                // "parameters" and future protocol fields carry nothing Kiln acts on.
                reader.Read();
                reader.Skip();
            }
        }

        reader.Read();
        return (id, tensors ?? throw Rejected("'inputs' is required: one tensor per model input"), outputs);
    }

    private static List<InputTensor> ReadInputs(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Rejected($"'inputs' must be an array of tensors, got {JsonText.Describe(ref reader)}");
        }

        var tensors = new List<InputTensor>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var at = $"inputs[{tensors.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Rejected($"{at} must be an object with name, shape, datatype and data, got {JsonText.Describe(ref reader)}");
            }

            string? name = null, datatype = null;
            List<long>? shape = null;
            int dataStart = -1, dataLength = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                JsonText.CheckName(ref reader, at);
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.String ? JsonText.ReadString(ref reader, $"{at}.name") : throw Rejected($"{at}.name must be a string, got {JsonText.Describe(ref reader)}");
                }
                else if (reader.ValueTextEquals("datatype"u8))
                {
                    reader.Read();
                    datatype = reader.TokenType == JsonTokenType.String ? JsonText.ReadString(ref reader, $"{at}.datatype") : throw Rejected($"{at}.datatype must be a string, got {JsonText.Describe(ref reader)}");
                }
                else if (reader.ValueTextEquals("shape"u8))
                {
                    reader.Read();
                    shape = ReadShape(ref reader, at);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Rejected($"{at}.data must be an array, got {JsonText.Describe(ref reader)}");
                    }

                    dataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataLength = (int)reader.BytesConsumed - dataStart;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            tensors.Add(new InputTensor(
                tensors.Count,
                name ?? throw Rejected($"{at}.name is required"),
                datatype ?? throw Rejected($"{at} ({JsonText.Quote(name)}): datatype is required"),
                shape ?? throw Rejected($"{at} ({JsonText.Quote(name)}): shape is required"),
                dataStart >= 0 ? dataStart : throw Rejected($"{at} ({JsonText.Quote(name)}): data is required"),
                dataLength));
        }

        return tensors;
    }

    private static List<long> ReadShape(ref Utf8JsonReader reader, string at)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Rejected($"{at}.shape must be an array of integers, got {JsonText.Describe(ref reader)}");
        }

        var shape = new List<long>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dimension) || dimension < 0)
            {
                throw Rejected($"{at}.shape[{shape.Count}] must be a non-negative integer, got {JsonText.Describe(ref reader)}");
            }

            shape.Add(dimension);
        }

        return shape;
    }

    private static InferOutputs ReadOutputs(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Rejected($"'outputs' must be an array of {{\"name\": ...}} objects, got {JsonText.Describe(ref reader)}");
        }

        var selected = InferOutputs.None;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Rejected($"outputs[{index}] must be an object with a name, got {JsonText.Describe(ref reader)}");
            }

            string? name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    JsonText.CheckName(ref reader, $"outputs[{index}]");
                }

                var isName = reader.ValueTextEquals("name"u8);
                reader.Read();
                if (isName)
                {
                    name = reader.TokenType == JsonTokenType.String ? JsonText.ReadString(ref reader, $"outputs[{index}].name") : throw Rejected($"outputs[{index}].name must be a string, got {JsonText.Describe(ref reader)}");
                }
                else
                {
                    reader.Skip();
                }
            }

            var position = Array.IndexOf(OutputNames, name);
            selected |= position >= 0
                ? (InferOutputs)(1 << position)
                : throw Rejected($"outputs[{index}]: unknown output {JsonText.Quote(name)} (the model's outputs: {string.Join(", ", OutputNames)})");
            index++;
        }

        return selected == InferOutputs.None ? InferOutputs.All : selected;
    }

    private int CheckTensors(List<InputTensor> tensors, int maxRows)
    {
        var byInput = new InputTensor?[model.Inputs.Count];
        long rows = -1;
        foreach (var tensor in tensors)
        {
            var at = $"inputs[{tensor.Position}] ('{tensor.Name}')";
            var input = model.Inputs.Select((i, n) => (i, n)).FirstOrDefault(p => p.i.Name == tensor.Name);
            if (input.i is null)
            {
                throw Rejected($"inputs[{tensor.Position}]: unknown input {JsonText.Quote(tensor.Name)} (the model's inputs: {_inputList})");
            }

            if (byInput[input.n] is not null)
            {
                throw Rejected($"{at}: input given more than once");
            }

            byInput[input.n] = tensor;
            var expected = input.i.Kind == FeatureKind.Numeric ? "FP32" : "BYTES";
            if (tensor.Datatype != expected)
            {
                throw Rejected($"{at}: datatype must be {expected}, got {JsonText.Quote(tensor.Datatype)}");
            }

            if (tensor.Shape.Count is < 1 or > 2 || (tensor.Shape.Count == 2 && tensor.Shape[1] != 1))
            {
                throw Rejected($"{at}: shape must be [rows, 1] or [rows], got [{string.Join(", ", tensor.Shape)}]");
            }

            if (rows >= 0 && tensor.Shape[0] != rows)
            {
                throw Rejected($"{at}: shape says {tensor.Shape[0]} rows but inputs[0] has {rows}; every input needs the same number of rows");
            }

            rows = tensor.Shape[0];
        }

        var absent = model.Inputs.Where((_, n) => byInput[n] is null).Select(i => $"'{i.Name}'").ToList();
        if (absent.Count > 0)
        {
            throw Rejected(tensors.Count == 0 ? "empty batch: 'inputs' has no tensors" : $"missing input {string.Join(", ", absent)}");
        }

        if (rows == 0)
        {
            throw Rejected("empty batch: shape [0, 1] has no rows");
        }

        if (rows > maxRows)
        {
            throw Rejected($"too many rows: {rows}, the limit is {maxRows} per request (Kiln:Limits:MaxBatchRows)");
        }

        return (int)rows;
    }

    private void FillData(ReadOnlySpan<byte> data, FeatureBatch batch, InputTensor tensor)
    {
        var input = batch.IndexOf(tensor.Name);
        var numeric = model.Inputs[input].Kind == FeatureKind.Numeric;
        var at = $"inputs[{tensor.Position}] ('{tensor.Name}')";
        var reader = new Utf8JsonReader(data);
        var count = 0;
        while (reader.Read())
        {
            // OIP sends data flat in row-major order; nested arrays ([[1],[2]]) flatten to the same sequence.
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray)
            {
                continue;
            }

            if (count >= batch.Rows)
            {
                throw Rejected($"{at}: data has more than the {batch.Rows} elements its shape says");
            }

            if (numeric)
            {
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out var value) && float.IsFinite(value))
                {
                    batch.SetNumeric(input, count, value);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw Rejected($"{at}: data[{count}] must be an FP32 number (or null when missing), got {JsonText.Describe(ref reader)}");
                }
            }
            else if (reader.TokenType == JsonTokenType.String)
            {
                batch.SetCategorical(input, count, JsonText.GetString(ref reader, out var problem) ?? throw JsonText.InvalidText($"{at}: data[{count}]", problem!));
            }
            else
            {
                throw Rejected($"{at}: data[{count}] must be a string, got {JsonText.Describe(ref reader)}");
            }

            count++;
        }

        if (count != batch.Rows)
        {
            throw Rejected($"{at}: shape says {batch.Rows} elements but data has {count}");
        }
    }

    private static RequestRejectedException Rejected(string message) => new(StatusCodes.Status400BadRequest, message);

    private sealed record InputTensor(int Position, string Name, string Datatype, List<long> Shape, int DataStart, int DataLength);
}
