namespace Kiln.Registry.Models;

/// <summary>The outcome of the evaluation quality gate, as the registry records it.</summary>
/// <param name="Checks">Every rule that was checked.</param>
public sealed record QualityGateResult(IReadOnlyList<GateCheck> Checks)
{
    /// <summary>True when every rule held (and vacuously when there are none).</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The rules that did not hold.</summary>
    public IEnumerable<GateCheck> Failures => Checks.Where(c => !c.Passed);
}
