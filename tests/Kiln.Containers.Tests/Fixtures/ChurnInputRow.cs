namespace Kiln.Containers.Tests.Fixtures;

/// <summary>A row as the served model sees it (no label), so the ONNX converter exposes only these inputs.</summary>
public sealed class ChurnInputRow
{
    /// <summary>Months as a customer.</summary>
    public float Tenure { get; set; }

    /// <summary>Monthly charges.</summary>
    public float Charges { get; set; }

    /// <summary>The plan name.</summary>
    public string Plan { get; set; } = string.Empty;
}
