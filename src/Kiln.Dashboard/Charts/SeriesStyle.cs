namespace Kiln.Dashboard.Charts;

/// <summary>How series number <paramref name="Index"/> is drawn: a colour-blind-safe colour and a dash pattern, so lines differ by shape as well as colour.</summary>
/// <param name="Index">The series' 0-based position.</param>
public sealed record SeriesStyle(int Index)
{
    // Okabe–Ito, with an olive for its yellow, which is unreadable on white.
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999933"];
    private static readonly string[] Dashes = ["", "7 3", "2 3", "9 3 2 3"];

    /// <summary>The stroke colour.</summary>
    public string Colour => Colours[Index % Colours.Length];

    /// <summary>The SVG stroke-dasharray ("" for solid); neighbours differ in dash as well as colour, and the first 32 series are all distinct.</summary>
    public string Dash => Dashes[DashIndex];

    /// <summary>The number shown next to the line and in the legend (1-based).</summary>
    public int Number => Index + 1;

    /// <summary>The dash pattern in words, for the legend.</summary>
    public string DashName => DashIndex switch
    {
        0 => "solid",
        1 => "dashed",
        2 => "dotted",
        _ => "dash-dot",
    };

    private int DashIndex => (Index + Index / Colours.Length) % Dashes.Length;
}
