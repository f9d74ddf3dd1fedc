using Kiln.Inference;
using Kiln.Statistics.Binning;
using Kiln.Statistics.Reference;

namespace Kiln.Serving.Drift;

/// <summary>The last scored rows of one served model, each feature already put in its reference bin, with running counts per bin.</summary>
/// <remarks>
/// A row costs one bin lookup per feature outside the lock and a few array writes inside it: the window keeps one byte
/// per feature per row in a ring, and the counts move as rows enter and leave, so a PSI never rescans the window.
/// </remarks>
internal sealed class FeatureWindow
{
    private readonly Lock _lock = new();
    private readonly FeatureBins[] _bins;
    private readonly int[] _inputs;
    private readonly byte[] _ring;
    private readonly long[][] _counts;
    private readonly int _capacity;
    private int _next;
    private int _filled;
    private long _observed;

    private FeatureWindow(OnnxModel model, ReferenceStatistics reference, FeatureBins[] bins, int[] inputs, int capacity)
    {
        Model = model;
        Reference = reference;
        _bins = bins;
        _inputs = inputs;
        _capacity = capacity;
        _ring = new byte[checked(capacity * bins.Length)];
        _counts = [.. bins.Select(b => new long[b.Count])];
    }

    /// <summary>The model the window belongs to.</summary>
    public OnnxModel Model { get; }

    /// <summary>The training reference.</summary>
    public ReferenceStatistics Reference { get; }

    /// <summary>The bins, in reference order.</summary>
    public IReadOnlyList<FeatureBins> Bins => _bins;

    /// <summary>Binds a model's reference statistics to its inputs; throws <see cref="ReferenceStatisticsException"/> when they do not fit.</summary>
    /// <param name="model">The served model.</param>
    /// <param name="reference">Its reference statistics.</param>
    /// <param name="capacity">The window's size in rows.</param>
    public static FeatureWindow Create(OnnxModel model, ReferenceStatistics reference, int capacity)
    {
        var bins = reference.Features.Select(f => f.ToBins()).ToArray();
        if (bins.Any(b => b.Count > byte.MaxValue))
        {
            throw new ReferenceStatisticsException($"reference statistics: feature '{bins.First(b => b.Count > byte.MaxValue).Name}' has more than {byte.MaxValue} bins");
        }

        var indexByName = model.Inputs.Select((input, index) => (input, index)).ToDictionary(p => p.input.Name, p => p.index, StringComparer.Ordinal);
        var inputs = new int[bins.Length];
        for (var f = 0; f < bins.Length; f++)
        {
            if (!indexByName.TryGetValue(bins[f].Name, out inputs[f]))
            {
                throw new ReferenceStatisticsException($"reference statistics name feature '{bins[f].Name}', which is not an input of the model");
            }

            var kind = model.Inputs[inputs[f]].Kind == FeatureKind.Numeric ? BinningKind.Numeric : BinningKind.Categorical;
            if (kind != bins[f].Kind)
            {
                throw new ReferenceStatisticsException($"reference statistics treat '{bins[f].Name}' as {bins[f].Kind}, but the model input is {kind}");
            }
        }

        var unreferenced = model.Inputs.Select(i => i.Name).Except(bins.Select(b => b.Name), StringComparer.Ordinal).ToArray();
        if (unreferenced.Length > 0)
        {
            throw new ReferenceStatisticsException($"reference statistics lack model input(s) {string.Join(", ", unreferenced.Select(n => $"'{n}'"))}");
        }

        return new FeatureWindow(model, reference, bins, inputs, capacity);
    }

    /// <summary>Adds every row of a scored batch, evicting the oldest rows once the window is full.</summary>
    /// <param name="batch">A batch of <see cref="Model"/>.</param>
    public void Add(FeatureBatch batch)
    {
        var features = _bins.Length;
        var rows = Math.Min(batch.Rows, _capacity);
        var skipped = batch.Rows - rows;
        var size = rows * features;
        var rented = size > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(size) : null;
        Span<byte> binned = rented ?? stackalloc byte[size];
        for (var f = 0; f < features; f++)
        {
            var bins = _bins[f];
            if (bins.Kind == BinningKind.Numeric)
            {
                var values = batch.NumericValues(_inputs[f]);
                for (var r = 0; r < rows; r++)
                {
                    binned[r * features + f] = (byte)bins.BinOf(values[skipped + r]);
                }
            }
            else
            {
                var values = batch.CategoricalValues(_inputs[f]);
                for (var r = 0; r < rows; r++)
                {
                    binned[r * features + f] = (byte)bins.BinOf(values[skipped + r]);
                }
            }
        }

        lock (_lock)
        {
            for (var r = 0; r < rows; r++)
            {
                var slot = _ring.AsSpan(_next * features, features);
                var row = binned.Slice(r * features, features);
                for (var f = 0; f < features; f++)
                {
                    if (_filled == _capacity)
                    {
                        _counts[f][slot[f]]--;
                    }

                    _counts[f][row[f]]++;
                }

                row.CopyTo(slot);
                _next = _next + 1 == _capacity ? 0 : _next + 1;
                _filled = Math.Min(_filled + 1, _capacity);
            }

            _observed += batch.Rows;
        }

        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A consistent copy of the counts: rows in the window, rows observed since start, and rows per bin per feature.</summary>
    public (int Filled, long Observed, long[][] Counts) Snapshot()
    {
        lock (_lock)
        {
            return (_filled, _observed, [.. _counts.Select(c => c.ToArray())]);
        }
    }
}
