using Kiln.Inference;
using Kiln.Testing;
using Kiln.Statistics.Reference;

namespace Kiln.Serving.Tests.Support;

/// <summary>Copies of the test model carrying reference statistics of its training rows, as the Train stage embeds them, or broken ones.</summary>
public static class DriftModel
{
    /// <summary>The rows the test model was trained on (TestModel.TrainAndExport uses the same seed and count).</summary>
    public static List<ChurnRow> TrainingRows() => TestModel.Generate(2000, seed: 1);

    /// <summary>The reference statistics of <see cref="TrainingRows"/> in the model's input order.</summary>
    public static ReferenceStatistics Reference()
    {
        var builder = new ReferenceStatisticsBuilder(TestModel.NumericColumns, TestModel.CategoricalColumns);
        var rows = TrainingRows();
        foreach (var row in rows)
        {
            builder.Sample([row.TenureMonths, row.MonthlyCharges, row.SupportCalls], [row.Contract, row.PaymentMethod]);
        }

        foreach (var row in rows)
        {
            builder.Count([row.TenureMonths, row.MonthlyCharges, row.SupportCalls], [row.Contract, row.PaymentMethod]);
        }

        return builder.Build([.. TestModel.NumericColumns, .. TestModel.CategoricalColumns]);
    }

    /// <summary>Writes the fixture's model with <paramref name="metadataValue"/> under the reference-statistics key.</summary>
    /// <param name="modelPath">The model without metadata.</param>
    /// <param name="destination">Where the copy goes.</param>
    /// <param name="metadataValue">The JSON to embed (valid or not).</param>
    public static string WriteWith(string modelPath, string destination, string metadataValue)
    {
        File.WriteAllBytes(destination, OnnxMetadata.Append(File.ReadAllBytes(modelPath), ReferenceStatistics.MetadataKey, metadataValue));
        return destination;
    }
}
