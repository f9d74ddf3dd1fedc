namespace Kiln.Inference;

/// <summary>Columnar feature values for one ONNX Runtime call, created by <see cref="OnnxModel.CreateBatch"/>.</summary>
/// <remarks>Every value starts as missing (NaN or ""), so a caller only sets what it has.</remarks>
public sealed class FeatureBatch
{
    private readonly IReadOnlyDictionary<string, int> _indexByName;

    internal FeatureBatch(IReadOnlyList<ModelInput> inputs, IReadOnlyDictionary<string, int> indexByName, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        _indexByName = indexByName;
        Inputs = inputs;
        Rows = rows;
        Numeric = new float[inputs.Count][];
        Categorical = new string[inputs.Count][];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Kind == FeatureKind.Numeric)
            {
                Numeric[i] = new float[rows];
                Array.Fill(Numeric[i], float.NaN);
            }
            else
            {
                Categorical[i] = new string[rows];
                Array.Fill(Categorical[i], string.Empty);
            }
        }
    }

    /// <summary>The number of rows in the batch.</summary>
    public int Rows { get; }

    /// <summary>The model inputs, in model order; an input's position is its index here.</summary>
    public IReadOnlyList<ModelInput> Inputs { get; }

    internal float[][] Numeric { get; }

    internal string[][] Categorical { get; }

    /// <summary>Returns the index of the named input, or -1 when the model has no such input.</summary>
    /// <param name="inputName">The input (CSV column) name, case-sensitive.</param>
    public int IndexOf(string inputName) => _indexByName.TryGetValue(inputName, out var index) ? index : -1;

    /// <summary>Sets a numeric feature; <see cref="float.NaN"/> marks it missing for the model's imputer.</summary>
    /// <param name="input">The input index from <see cref="IndexOf"/>.</param>
    /// <param name="row">The zero-based row.</param>
    /// <param name="value">The value.</param>
    public void SetNumeric(int input, int row, float value)
    {
        var column = Numeric[input] ?? throw new InvalidOperationException($"input '{Inputs[input].Name}' is categorical, not numeric");
        column[row] = value;
    }

    /// <summary>Sets a categorical feature; the empty string marks it missing.</summary>
    /// <param name="input">The input index from <see cref="IndexOf"/>.</param>
    /// <param name="row">The zero-based row.</param>
    /// <param name="value">The category as it appeared in the training CSV.</param>
    public void SetCategorical(int input, int row, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var column = Categorical[input] ?? throw new InvalidOperationException($"input '{Inputs[input].Name}' is numeric, not categorical");
        column[row] = FeatureValues.NormalizeCategory(value);
    }

    /// <summary>The values of a numeric input, one per row (NaN = missing), for observers such as the drift monitor.</summary>
    /// <param name="input">The input index from <see cref="IndexOf"/>.</param>
    public ReadOnlySpan<float> NumericValues(int input) =>
        Numeric[input] ?? throw new InvalidOperationException($"input '{Inputs[input].Name}' is categorical, not numeric");

    /// <summary>The normalised values of a categorical input, one per row ("" = missing).</summary>
    /// <param name="input">The input index from <see cref="IndexOf"/>.</param>
    public ReadOnlySpan<string> CategoricalValues(int input) =>
        Categorical[input] ?? throw new InvalidOperationException($"input '{Inputs[input].Name}' is numeric, not categorical");

    /// <summary>Copies every row of this batch into <paramref name="destination"/> from <paramref name="destinationRow"/> on, so small batches can share one Run.</summary>
    /// <param name="destination">A larger batch created by the same model.</param>
    /// <param name="destinationRow">The first destination row to overwrite.</param>
    public void CopyTo(FeatureBatch destination, int destinationRow)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!ReferenceEquals(destination.Inputs, Inputs))
        {
            throw new ArgumentException("the destination batch was created by a different model", nameof(destination));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(destinationRow + Rows, destination.Rows, nameof(destinationRow));
        for (var i = 0; i < Inputs.Count; i++)
        {
            if (Numeric[i] is { } numbers)
            {
                numbers.CopyTo(destination.Numeric[i], destinationRow);
            }
            else
            {
                Categorical[i].CopyTo(destination.Categorical[i], destinationRow);
            }
        }
    }
}
