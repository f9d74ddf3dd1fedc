using System.Globalization;
using Kiln.Statistics.Hashing;
using Kiln.Statistics.Summaries;

namespace Kiln.Pipeline.Profiling;

/// <summary>First-pass state of one column: missing and distinct counts, numbers, categories with their label counts, and the column's share of the row sample.</summary>
/// <param name="name">The column name.</param>
/// <param name="role">Its configured role (<see cref="ColumnRole"/>).</param>
internal sealed class ColumnAccumulator(string name, string role)
{
    /// <summary>The category id of a missing value in the sample.</summary>
    public const int MissingCategory = -1;

    /// <summary>The category id of a value that is not tracked (a number, or a category beyond the tracking limit).</summary>
    public const int UntrackedCategory = -2;

    // Enough for any real categorical column; beyond it a column is text-like and only its most frequent early values matter.
    private const int MaxTrackedCategories = 10_000;
    private const int MaxExamples = 5;

    private readonly Dictionary<string, int> _categoryIds = new(StringComparer.Ordinal);
    private readonly List<string> _categoryNames = [];
    private readonly List<long> _categoryCounts = [];
    private readonly List<long> _categoryLabelled = [];
    private readonly List<long> _categoryPositives = [];
    private readonly List<string> _notNumberExamples = [];
    private double[] _sampleNumbers = new double[256];
    private int[] _sampleCategories = new int[256];
    private long _lengthSum;

    public string Name { get; } = name;

    public string Role { get; } = role;

    /// <summary>Whether every value is counted as a category, numbers included (categorical features and the label).</summary>
    public bool CountsCategories { get; } = role is ColumnRole.Categorical or ColumnRole.Label;

    // Ids are unique by design: counting them as categories would only fill the tracking table.
    private bool TracksCategories => Role != ColumnRole.Id;

    public long Present { get; private set; }

    public long Missing { get; private set; }

    public long MissingLabelled { get; private set; }

    public long MissingPositives { get; private set; }

    public long Numbers => Moments.Count;

    public long NotNumbers { get; private set; }

    public long UntrackedValues { get; private set; }

    public bool AllIntegers { get; private set; } = true;

    public int MinimumLength { get; private set; } = int.MaxValue;

    public int MaximumLength { get; private set; }

    public double MeanLength => Present == 0 ? double.NaN : (double)_lengthSum / Present;

    public RunningMoments Moments { get; } = new();

    public DistinctCounter Distinct { get; } = new();

    public IReadOnlyList<string> NotNumberExamples => _notNumberExamples;

    public IReadOnlyList<string> CategoryNames => _categoryNames;

    public IReadOnlyList<long> CategoryCounts => _categoryCounts;

    public IReadOnlyList<long> CategoryLabelled => _categoryLabelled;

    public IReadOnlyList<long> CategoryPositives => _categoryPositives;

    /// <summary>The sampled value of each sample slot (NaN when missing or not a number).</summary>
    public ReadOnlySpan<double> SampleNumbers(int count) => _sampleNumbers.AsSpan(0, count);

    /// <summary>The sampled category id of each sample slot (<see cref="MissingCategory"/>, <see cref="UntrackedCategory"/> or an index into <see cref="CategoryNames"/>).</summary>
    public ReadOnlySpan<int> SampleCategories(int count) => _sampleCategories.AsSpan(0, count);

    /// <summary>Counts one value.</summary>
    /// <param name="raw">The field as read.</param>
    /// <param name="label">1 positive, 0 negative, -1 no valid label.</param>
    /// <param name="slot">The row's sample slot, or -1.</param>
    public void Add(string raw, int label, int slot) => Add(raw, label, slot, parsed: null);

    /// <summary>Counts one value the validator has already parsed (NaN for a blank field), so the number is not parsed twice.</summary>
    /// <param name="raw">The field as read.</param>
    /// <param name="parsed">The validator's number.</param>
    /// <param name="label">1 positive, 0 negative, -1 no valid label.</param>
    /// <param name="slot">The row's sample slot, or -1.</param>
    public void AddParsed(string raw, float parsed, int label, int slot) => Add(raw, label, slot, parsed);

    private void Add(string raw, int label, int slot, float? parsed)
    {
        if (slot >= _sampleNumbers.Length)
        {
            Array.Resize(ref _sampleNumbers, _sampleNumbers.Length * 2);
            Array.Resize(ref _sampleCategories, _sampleCategories.Length * 2);
        }

        var text = Kiln.Inference.FeatureValues.NormalizeCategory(raw);
        if (text.Length == 0)
        {
            Missing++;
            if (label >= 0)
            {
                MissingLabelled++;
                MissingPositives += label;
            }

            if (slot >= 0)
            {
                _sampleNumbers[slot] = double.NaN;
                _sampleCategories[slot] = MissingCategory;
            }

            return;
        }

        Present++;
        _lengthSum += text.Length;
        MinimumLength = Math.Min(MinimumLength, text.Length);
        MaximumLength = Math.Max(MaximumLength, text.Length);
        var category = UntrackedCategory;
        double number;
        bool isNumber;
        if (parsed is { } known && !float.IsNaN(known))
        {
            number = known;
            isNumber = true;
        }
        else
        {
            isNumber = ProfileNumbers.TryParse(text, out number);
        }

        if (isNumber)
        {
            Moments.Add(number);
            Distinct.Add(StableHash.Of(number));
            AllIntegers &= number == Math.Floor(number);
            if (CountsCategories)
            {
                category = Track(text, label);
            }
        }
        else
        {
            NotNumbers++;
            if (_notNumberExamples.Count < MaxExamples && !_notNumberExamples.Contains(text, StringComparer.Ordinal))
            {
                _notNumberExamples.Add(text);
            }

            category = TracksCategories ? Track(text, label) : UntrackedCategory;
            if (category == UntrackedCategory)
            {
                // A tracked category was counted as distinct once, when first seen.
                Distinct.Add(StableHash.Of(text));
            }

            number = double.NaN;
        }

        if (slot >= 0)
        {
            _sampleNumbers[slot] = number;
            _sampleCategories[slot] = category;
        }
    }

    /// <summary>The id of a tracked category, or <see cref="UntrackedCategory"/>.</summary>
    /// <param name="text">The normalised value.</param>
    public int IdOf(string text) => _categoryIds.TryGetValue(text, out var id) ? id : UntrackedCategory;

    private int Track(string text, int label)
    {
        if (!_categoryIds.TryGetValue(text, out var id))
        {
            if (_categoryIds.Count >= MaxTrackedCategories)
            {
                UntrackedValues++;
                return UntrackedCategory;
            }

            id = _categoryNames.Count;
            _categoryIds.Add(text, id);
            if (!ProfileNumbers.TryParse(text, out _))
            {
                Distinct.Add(StableHash.Of(text));
            }

            _categoryNames.Add(text);
            _categoryCounts.Add(0);
            _categoryLabelled.Add(0);
            _categoryPositives.Add(0);
        }

        _categoryCounts[id]++;
        if (label >= 0)
        {
            _categoryLabelled[id]++;
            _categoryPositives[id] += label;
        }

        return id;
    }

    /// <summary>Decides the inferred type and how the column is profiled, with the reason when that needs one.</summary>
    public (string Inferred, string ProfiledAs, string? Note) Classify()
    {
        if (Present == 0)
        {
            return (ColumnType.Empty, Role == ColumnRole.Numeric ? ColumnType.Numeric : ColumnType.Categorical, "every value is missing");
        }

        var numberShare = (double)Numbers / Present;
        var distinct = Distinct.Count;
        var inferred = numberShare >= ProfileNumbers.NumericShare ? ColumnType.Numeric
            : distinct <= 50 || (distinct <= 1000 && distinct <= 0.05 * Present) ? ColumnType.Categorical
            : ColumnType.Text;
        var share = numberShare.ToString("P1", CultureInfo.InvariantCulture);
        return Role switch
        {
            ColumnRole.Id => (inferred, inferred == ColumnType.Numeric ? ColumnType.Numeric : ColumnType.Text, null),
            ColumnRole.Numeric when inferred != ColumnType.Numeric =>
                (inferred, ColumnType.Text, $"declared numeric, but only {share} of its values are numbers (e.g. {Examples()}); its type could not be inferred as numeric, so it is profiled as text"),
            ColumnRole.Numeric => (inferred, ColumnType.Numeric, NotNumbers > 0 ? $"{NotNumbers:N0} values are not numbers (e.g. {Examples()}); the Features stage quarantines their rows" : null),
            ColumnRole.Categorical or ColumnRole.Label when inferred == ColumnType.Numeric && Role == ColumnRole.Categorical =>
                (inferred, ColumnType.Categorical, "declared categorical; its values look like numbers, each profiled as a category"),
            ColumnRole.Categorical or ColumnRole.Label => (inferred, ColumnType.Categorical, null),
            _ when inferred == ColumnType.Text => (inferred, ColumnType.Text,
                $"type could not be inferred: {share} numbers and {distinct:N0}{(Distinct.IsExact ? "" : " (estimated)")} distinct values, too many for categories; profiled as text"),
            _ => (inferred, inferred, null),
        };
    }

    private string Examples() => string.Join(", ", _notNumberExamples.Select(e => $"'{e}'"));
}
