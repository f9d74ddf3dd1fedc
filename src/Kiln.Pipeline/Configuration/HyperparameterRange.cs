using System.Globalization;

namespace Kiln.Pipeline.Configuration;

/// <summary>The values one hyperparameter of one trainer may take during tuning.</summary>
/// <param name="Name">The snake_case hyperparameter name, as under trainer.hyperparameters.</param>
/// <param name="Kind">How values are drawn.</param>
/// <param name="Low">The smallest value (unused for <see cref="RangeKind.Choice"/>).</param>
/// <param name="High">The largest value (unused for <see cref="RangeKind.Choice"/>).</param>
/// <param name="Choices">The listed values of a <see cref="RangeKind.Choice"/>; empty otherwise.</param>
public sealed record HyperparameterRange(string Name, RangeKind Kind, double Low, double High, IReadOnlyList<double> Choices) : IFormattable
{
    /// <summary>True for kinds whose values are whole numbers.</summary>
    public bool IsInteger => Kind is RangeKind.Int or RangeKind.IntLog;

    /// <summary>True for kinds drawn on a log scale.</summary>
    public bool IsLog => Kind is RangeKind.Log or RangeKind.IntLog;

    /// <summary>A range drawn evenly between two numbers.</summary>
    public static HyperparameterRange Uniform(string name, double low, double high) => new(name, RangeKind.Uniform, low, high, []);

    /// <summary>A range drawn evenly on a log scale between two positive numbers.</summary>
    public static HyperparameterRange LogUniform(string name, double low, double high) => new(name, RangeKind.Log, low, high, []);

    /// <summary>Whole numbers between two bounds, optionally on a log scale.</summary>
    public static HyperparameterRange Integer(string name, double low, double high, bool log = false) => new(name, log ? RangeKind.IntLog : RangeKind.Int, low, high, []);

    /// <summary>One of the listed values.</summary>
    public static HyperparameterRange Choice(string name, params double[] values) => new(name, RangeKind.Choice, values.Min(), values.Max(), values);

    /// <summary>The range as "name=Kind[low,high]" (or "name=Choice[a,b,...]"), in invariant text whatever the culture; the study's fingerprint is built from it.</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The range as "name=Kind[low,high]"; numbers round-trip and ignore the format provider, so the text is the same on every machine.</summary>
    /// <param name="format">Unused.</param>
    /// <param name="formatProvider">Unused: the text is always invariant.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        $"{Name}={Kind}[{string.Join(",", (Kind == RangeKind.Choice ? Choices : [Low, High]).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]";
}
