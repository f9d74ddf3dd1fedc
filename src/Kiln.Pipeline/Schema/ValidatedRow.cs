namespace Kiln.Pipeline.Schema;

/// <summary>A row that passed validation, in schema order.</summary>
/// <param name="Line">The file line it started on.</param>
/// <param name="Id">The id value.</param>
/// <param name="Numeric">The numeric features (NaN = missing), in <see cref="FeatureSchema.Numeric"/> order.</param>
/// <param name="Categorical">The categorical features ("" = missing), in <see cref="FeatureSchema.Categorical"/> order.</param>
/// <param name="Label">The label (true = positive), or null when the file has no label column.</param>
public sealed record ValidatedRow(long Line, string Id, float[] Numeric, string[] Categorical, bool? Label);
