using Kiln.Inference;

namespace Kiln.Testing;

/// <summary>Fills a Kiln feature batch from synthetic rows.</summary>
public static class BatchFiller
{
    /// <summary>Creates a batch for <paramref name="model"/> holding <paramref name="rows"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rows">The rows.</param>
    public static FeatureBatch Fill(OnnxModel model, IReadOnlyList<ChurnRow> rows)
    {
        var batch = model.CreateBatch(rows.Count);
        int tenure = batch.IndexOf("tenure_months"), charges = batch.IndexOf("monthly_charges"), calls = batch.IndexOf("support_calls");
        int contract = batch.IndexOf("contract"), payment = batch.IndexOf("payment_method");
        for (var r = 0; r < rows.Count; r++)
        {
            batch.SetNumeric(tenure, r, rows[r].TenureMonths);
            batch.SetNumeric(charges, r, rows[r].MonthlyCharges);
            batch.SetNumeric(calls, r, rows[r].SupportCalls);
            batch.SetCategorical(contract, r, rows[r].Contract);
            batch.SetCategorical(payment, r, rows[r].PaymentMethod);
        }

        return batch;
    }
}
