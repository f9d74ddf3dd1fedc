namespace Kiln.Pipeline.Tests.Csv;

/// <summary>Compares reference records by value, fields included (records compare arrays by reference).</summary>
internal sealed class ReferenceRecordComparer : IEqualityComparer<ReferenceRecord>
{
    public bool Equals(ReferenceRecord? x, ReferenceRecord? y) =>
        x is not null && y is not null && x with { Fields = [] } == y with { Fields = [] } && x.Fields.SequenceEqual(y.Fields);

    public int GetHashCode(ReferenceRecord obj) => obj.Line.GetHashCode();
}
