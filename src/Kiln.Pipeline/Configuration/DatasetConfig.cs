namespace Kiln.Pipeline.Configuration;

/// <summary>Which CSV to read and what each of its columns means.</summary>
/// <param name="Path">The CSV file, relative to data/01-raw.</param>
/// <param name="Oracle">An optional side file (id,true_probability) relative to data/01-raw, used only to report the oracle AUC.</param>
/// <param name="Id">The column that identifies a row (carried through, never a feature).</param>
/// <param name="Label">The binary label column and its two values.</param>
/// <param name="Numeric">Numeric feature columns; blank cells are missing values.</param>
/// <param name="Categorical">Categorical feature columns, one-hot encoded inside the model.</param>
/// <param name="Ignore">Columns present in the CSV that are deliberately not used.</param>
public sealed record DatasetConfig(
    string Path,
    string? Oracle,
    string Id,
    LabelConfig Label,
    IReadOnlyList<string> Numeric,
    IReadOnlyList<string> Categorical,
    IReadOnlyList<string> Ignore);
