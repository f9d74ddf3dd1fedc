namespace Kiln.Testing;

/// <summary>One synthetic churn-like customer, as a training CSV row would hold it (NaN = missing number).</summary>
public sealed record ChurnRow(float TenureMonths, float MonthlyCharges, float SupportCalls, string Contract, string PaymentMethod, bool Churned);
