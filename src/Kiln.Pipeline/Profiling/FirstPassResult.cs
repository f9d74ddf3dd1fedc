using Kiln.Pipeline.Schema;
using Kiln.Statistics.Sampling;

namespace Kiln.Pipeline.Profiling;

/// <summary>What the first pass over the file learned: per-column counts, the validation outcome of every row, the id hashes and the row sample.</summary>
/// <param name="names">The header's column names.</param>
/// <param name="columns">One accumulator per column.</param>
/// <param name="sampler">The row sampler.</param>
/// <param name="labelIndex">The label column's index.</param>
/// <param name="idIndex">The id column's index.</param>
internal sealed class FirstPassResult(string[] names, ColumnAccumulator[] columns, ReservoirSampler sampler, int labelIndex, int idIndex)
{
    private sbyte[] _slotLabels = new sbyte[256];
    private int[] _slotAccepted = new int[256];

    public string[] Names { get; } = names;

    public ColumnAccumulator[] Columns { get; } = columns;

    public ReservoirSampler Sampler { get; } = sampler;

    public int LabelIndex { get; } = labelIndex;

    public int IdIndex { get; } = idIndex;

    public long Records { get; set; }

    public long Malformed { get; set; }

    /// <summary>Whether each record (in file order) passes the Features stage's validation.</summary>
    public List<bool> Accepted { get; } = [];

    /// <summary>The label of each accepted row, in order: the input of the split.</summary>
    public List<bool> AcceptedLabels { get; } = [];

    public SortedDictionary<string, long> RejectedByReason { get; } = new(StringComparer.Ordinal);

    public List<ulong> IdHashes { get; } = [];

    public long Positives { get; private set; }

    public long Negatives { get; private set; }

    public long InvalidLabels { get; private set; }

    /// <summary>Each sample slot's label (1, 0 or -1 for none).</summary>
    public ReadOnlySpan<sbyte> SlotLabels => _slotLabels.AsSpan(0, Sampler.Count);

    /// <summary>Each sample slot's index among the accepted rows, or -1 when the row would be quarantined.</summary>
    public ReadOnlySpan<int> SlotAccepted => _slotAccepted.AsSpan(0, Sampler.Count);

    /// <summary>Records a sampled row's label and accepted index.</summary>
    /// <param name="slot">The slot.</param>
    /// <param name="label">1, 0 or -1.</param>
    /// <param name="acceptedIndex">The row's accepted index, or -1.</param>
    public void SetSlot(int slot, int label, int acceptedIndex)
    {
        if (slot >= _slotLabels.Length)
        {
            Array.Resize(ref _slotLabels, _slotLabels.Length * 2);
            Array.Resize(ref _slotAccepted, _slotAccepted.Length * 2);
        }

        _slotLabels[slot] = (sbyte)label;
        _slotAccepted[slot] = acceptedIndex;
    }

    /// <summary>Reads a label field: 1 positive, 0 negative, -1 anything else; counted only in the first pass.</summary>
    /// <param name="field">The raw field.</param>
    /// <param name="schema">The schema naming the two values.</param>
    public int CountLabel(string field, FeatureSchema schema)
    {
        var label = LabelOf(field, schema);
        if (label == 1)
        {
            Positives++;
        }
        else if (label == 0)
        {
            Negatives++;
        }
        else
        {
            InvalidLabels++;
        }

        return label;
    }

    /// <summary>Reads a label field: 1 positive, 0 negative, -1 anything else.</summary>
    /// <param name="field">The raw field.</param>
    /// <param name="schema">The schema naming the two values.</param>
    public static int LabelOf(string field, FeatureSchema schema)
    {
        var text = field.AsSpan().Trim();
        return text.SequenceEqual(schema.Positive) ? 1 : text.SequenceEqual(schema.Negative) ? 0 : -1;
    }
}
