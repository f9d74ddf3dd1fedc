namespace Kiln.Registry.Promotion;

/// <summary>Where a newly registered version lands.</summary>
public enum PromotionOutcome
{
    /// <summary>It becomes the served model.</summary>
    Champion,

    /// <summary>It is kept for comparison but not served.</summary>
    Challenger,
}
