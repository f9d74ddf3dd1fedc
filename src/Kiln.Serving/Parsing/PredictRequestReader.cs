using System.Text;
using System.Text.Json;
using Kiln.Inference;

namespace Kiln.Serving.Parsing;

/// <summary>Reads a /predict body (a JSON array of records keyed by feature name) straight into a <see cref="FeatureBatch"/>.</summary>
/// <remarks>
/// One pass over the buffered body into per-thread column scratch, then one copy into a batch of the exact size.
/// No per-row dictionaries: feature names are matched as UTF-8 bytes, trying the next input in model order first,
/// and category values seen before are reused instead of allocating a string per row.
/// </remarks>
public sealed class PredictRequestReader
{
    [ThreadStatic]
    private static ColumnScratch? t_scratch;

    private readonly OnnxModel _model;
    private readonly byte[][] _utf8Names;
    private readonly string _featureList;
    private readonly CategoryCache[] _categories;

    /// <summary>Prepares a reader for the model's inputs.</summary>
    /// <param name="model">The served model.</param>
    public PredictRequestReader(OnnxModel model)
    {
        _model = model;
        _utf8Names = [.. model.Inputs.Select(i => Encoding.UTF8.GetBytes(i.Name))];
        _featureList = string.Join(", ", model.Inputs.Select(i => i.Name));
        _categories = [.. model.Inputs.Select(_ => new CategoryCache())];
    }

    /// <summary>Parses and validates the body; throws <see cref="RequestRejectedException"/> naming the row and field.</summary>
    /// <param name="json">The UTF-8 body.</param>
    /// <param name="maxRows">The row limit (<c>Kiln:Limits:MaxBatchRows</c>).</param>
    public FeatureBatch Read(ReadOnlySpan<byte> json, int maxRows)
    {
        if (json.IsEmpty)
        {
            throw Rejected("the body is empty: send a JSON array of records, e.g. [{\"feature\": 1.5}]");
        }

        var scratch = t_scratch is { } cached && ReferenceEquals(cached.Shape, _model.Inputs) ? cached : t_scratch = new ColumnScratch(_model.Inputs);
        try
        {
            var rows = Parse(json, maxRows, scratch);
            var batch = _model.CreateBatch(rows);
            scratch.CopyTo(batch, rows);
            return batch;
        }
        catch (JsonException e)
        {
            throw JsonText.Malformed(e);
        }
        finally
        {
            scratch.Release();
        }
    }

    private int Parse(ReadOnlySpan<byte> json, int maxRows, ColumnScratch scratch)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw Rejected("the body is empty: send a JSON array of records, e.g. [{\"feature\": 1.5}]");
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Rejected($"the body must be a JSON array of records keyed by feature name, got {JsonText.Describe(ref reader)}");
        }

        var inputs = _model.Inputs;
        Span<bool> seen = inputs.Count <= 256 ? stackalloc bool[inputs.Count] : new bool[inputs.Count];
        var row = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Rejected($"row {row + 1}: must be an object keyed by feature name, got {JsonText.Describe(ref reader)}");
            }

            if (row == maxRows)
            {
                throw Rejected($"too many rows: the limit is {maxRows} per request (Kiln:Limits:MaxBatchRows)");
            }

            scratch.EnsureRow(row);
            seen.Clear();
            var next = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    JsonText.CheckName(ref reader, $"row {row + 1}");
                }

                var input = Find(ref reader, next);
                if (input < 0)
                {
                    throw Rejected($"row {row + 1}: unknown feature {JsonText.Quote(JsonText.ReadString(ref reader, $"row {row + 1}: a key"))} (the model's features: {_featureList})");
                }

                if (seen[input])
                {
                    throw Rejected($"row {row + 1}: feature '{inputs[input].Name}' appears more than once");
                }

                seen[input] = true;
                next = input + 1;
                reader.Read();
                SetValue(ref reader, scratch, input, row);
            }

            var missing = seen.IndexOf(false);
            if (missing >= 0)
            {
                var names = new List<string>();
                for (var i = missing; i < inputs.Count; i++)
                {
                    if (!seen[i])
                    {
                        names.Add($"'{inputs[i].Name}'");
                    }
                }

                throw Rejected($"row {row + 1}: missing feature {string.Join(", ", names)} (send null for a missing number)");
            }

            row++;
        }

        // Reading past the array makes the reader reject trailing content after the root value.
        reader.Read();
        return row > 0 ? row : throw Rejected("empty batch: send at least one record");
    }

    private int Find(ref Utf8JsonReader reader, int hint)
    {
        // Clients usually send keys in the same order on every row, so the next input in model order is the likely match.
        if (hint < _utf8Names.Length && reader.ValueTextEquals(_utf8Names[hint]))
        {
            return hint;
        }

        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (i != hint && reader.ValueTextEquals(_utf8Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void SetValue(ref Utf8JsonReader reader, ColumnScratch scratch, int input, int row)
    {
        var feature = _model.Inputs[input];
        if (feature.Kind == FeatureKind.Numeric)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetSingle(out var value) && float.IsFinite(value):
                    scratch.Numeric[input][row] = value;
                    return;
                case JsonTokenType.Number:
                    throw Rejected($"row {row + 1}: '{feature.Name}' is outside the float32 range, got {JsonText.Describe(ref reader)}");
                case JsonTokenType.Null:
                    scratch.Numeric[input][row] = float.NaN;
                    return;
                default:
                    throw Rejected($"row {row + 1}: '{feature.Name}' must be a number (or null when missing), got {JsonText.Describe(ref reader)}");
            }
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            scratch.Categorical[input][row] = _categories[input].Get(ref reader, out var problem) ?? throw JsonText.InvalidText($"row {row + 1}: '{feature.Name}'", problem!);
            return;
        }

        var hint = reader.TokenType == JsonTokenType.Null ? " (send \"\" for a missing category)" : "";
        throw Rejected($"row {row + 1}: '{feature.Name}' must be a string, got {JsonText.Describe(ref reader)}{hint}");
    }

    private static RequestRejectedException Rejected(string message) => new(StatusCodes.Status400BadRequest, message);
}
