namespace Kiln.Dashboard.Charts;

/// <summary>The shape drawn at each point of a series, so point kinds differ by shape and not only by colour.</summary>
public enum ChartMarker
{
    /// <summary>No marker: a plain line.</summary>
    None,

    /// <summary>A filled circle.</summary>
    Circle,

    /// <summary>An ×.</summary>
    Cross,

    /// <summary>An open triangle.</summary>
    Triangle,
}
