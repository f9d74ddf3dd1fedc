namespace Kiln.Containers.Tests.Fixtures;

/// <summary>A training row: the inputs and whether the customer churned.</summary>
public sealed class ChurnLabelledRow
{
    /// <summary>Months as a customer.</summary>
    public float Tenure { get; set; }

    /// <summary>Monthly charges.</summary>
    public float Charges { get; set; }

    /// <summary>The plan name.</summary>
    public string Plan { get; set; } = string.Empty;

    /// <summary>Whether the customer churned.</summary>
    public bool Churn { get; set; }
}
