using FsCheck;
using FsCheck.Fluent;

namespace Kiln.Pipeline.Tests.Csv;

/// <summary>Random CSV text for the property tests: quoted and plain fields, doubled and stray quotes, CR/LF/CRLF, a BOM, blank and ragged lines, and now and then a quote that never closes.</summary>
internal static class CsvText
{
    private static readonly Gen<string> Newline = Gen.Elements("\n", "\r\n", "\r");

    private static readonly Gen<string> Plain =
        Gen.Elements("a", "b", "1", "2.5", " ", "é", ";", "\t", "a\"b").ArrayOf().Select(parts => string.Concat(parts.Take(4)));

    private static readonly Gen<string> QuotedContent =
        Gen.Frequency(
                (6, Gen.Elements("a", "b", " ", "1")),
                (2, Gen.Constant(",")),
                (2, Gen.Constant("\"\"")),
                (2, Newline))
            .ArrayOf().Select(parts => string.Concat(parts.Take(6)));

    private static readonly Gen<string> Field =
        Gen.Frequency(
            (10, Plain),
            (6, QuotedContent.Select(content => $"\"{content}\"")),
            // Text after the closing quote.
            (1, QuotedContent.Select(content => $"\"{content}\"x")),
            // A stray opening quote that some later quote may or may not close.
            (1, Plain.Select(content => "\"" + content)));

    private static readonly Gen<string> Record =
        Gen.Frequency(
                (8, Gen.Choose(3, 3)),
                (2, Gen.Choose(1, 5)))
            .SelectMany(count => Field.ArrayOf(count))
            .Select(fields => string.Join(",", fields));

    private static readonly Gen<string> Line = Gen.Frequency((9, Record), (1, Gen.Constant("")));

    /// <summary>Whole files: a three-column header, then lines with their own line ends, an optional BOM and final line end.</summary>
    public static Gen<string> Files { get; } =
        from bom in Gen.Frequency((4, Gen.Constant("")), (1, Gen.Constant("\uFEFF")))
        from lines in Gen.Sized(size => Gen.Choose(0, Math.Max(1, size / 2))).SelectMany(count => Line.ArrayOf(count))
        from ends in Newline.ArrayOf(lines.Length + 1)
        from lastEnd in Gen.Elements(true, false)
        select bom + "id,x,label" + string.Concat(lines.Select((line, i) => ends[i] + line)) + (lastEnd ? ends[^1] : "");

    /// <summary>Short strings over the characters that matter to a CSV parser, to reach combinations the structured generator misses.</summary>
    public static Gen<string> Noise { get; } =
        Gen.Elements('a', ',', '"', '\n', '\r', ' ').ArrayOf().Select(chars => new string(chars));

    /// <summary>Either kind, mostly structured files.</summary>
    public static Arbitrary<string> Any { get; } = Gen.Frequency((4, Files), (1, Noise)).ToArbitrary();
}
