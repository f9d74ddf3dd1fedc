using Kiln.Inference;

namespace Kiln.Serving.Parsing;

/// <summary>Per-thread, reusable columns a /predict body is parsed into before its row count is known.</summary>
/// <param name="inputs">The model's inputs, which decide which columns are numeric and which categorical.</param>
internal sealed class ColumnScratch(IReadOnlyList<ModelInput> inputs)
{
    // Bigger requests still parse; their columns are dropped afterwards so one huge body does not pin memory per thread.
    private const int RetainedRows = 1024;

    /// <summary>The inputs the columns were made for (a reloaded model gets new scratch).</summary>
    public IReadOnlyList<ModelInput> Shape { get; } = inputs;

    private int Inputs => Shape.Count;

    /// <summary>Numeric columns by input index (null for categorical inputs).</summary>
    public float[][] Numeric { get; } = [.. inputs.Select(i => i.Kind == FeatureKind.Numeric ? new float[16] : null!)];

    /// <summary>Categorical columns by input index (null for numeric inputs).</summary>
    public string[][] Categorical { get; } = [.. inputs.Select(i => i.Kind == FeatureKind.Categorical ? new string[16] : null!)];

    /// <summary>Grows every column so <paramref name="row"/> fits.</summary>
    /// <param name="row">The zero-based row about to be written.</param>
    public void EnsureRow(int row)
    {
        for (var i = 0; i < Inputs; i++)
        {
            if (Numeric[i] is { } numbers && numbers.Length <= row)
            {
                Array.Resize(ref Numeric[i], numbers.Length * 2);
            }
            else if (Categorical[i] is { } categories && categories.Length <= row)
            {
                Array.Resize(ref Categorical[i], categories.Length * 2);
            }
        }
    }

    /// <summary>Copies the first <paramref name="rows"/> rows into the batch.</summary>
    /// <param name="batch">A batch of exactly <paramref name="rows"/> rows.</param>
    /// <param name="rows">The parsed row count.</param>
    public void CopyTo(FeatureBatch batch, int rows)
    {
        for (var i = 0; i < Inputs; i++)
        {
            if (Numeric[i] is { } numbers)
            {
                for (var r = 0; r < rows; r++)
                {
                    batch.SetNumeric(i, r, numbers[r]);
                }
            }
            else
            {
                var categories = Categorical[i];
                for (var r = 0; r < rows; r++)
                {
                    batch.SetCategorical(i, r, categories[r]);
                }
            }
        }
    }

    /// <summary>Drops string references (so request data is not kept alive) and oversized columns.</summary>
    public void Release()
    {
        for (var i = 0; i < Inputs; i++)
        {
            if (Numeric[i] is { Length: > RetainedRows })
            {
                Numeric[i] = new float[16];
            }
            else if (Categorical[i] is { } categories)
            {
                if (categories.Length > RetainedRows)
                {
                    Categorical[i] = new string[16];
                }
                else
                {
                    Array.Clear(categories);
                }
            }
        }
    }
}
