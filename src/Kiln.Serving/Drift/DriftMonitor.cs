using Kiln.Inference;
using Kiln.Serving.Configuration;
using Kiln.Serving.Models;
using Kiln.Serving.Observability;
using Kiln.Statistics.Drift;
using Kiln.Statistics.Reference;
using Prometheus;

namespace Kiln.Serving.Drift;

/// <summary>
/// Watches the rows the service scores: keeps a sliding window of them in the bins of the model's reference statistics
/// and reports each feature's population stability index in /metrics and as JSON. A model without reference statistics
/// (trained before Kiln recorded them) is served as usual with drift reported unavailable.
/// </summary>
public sealed partial class DriftMonitor
{
    private readonly DriftOptions _settings;
    private readonly ModelHost _host;
    private readonly ILogger<DriftMonitor> _logger;
    private readonly Lock _binding = new();
    private readonly Gauge _psi;
    private readonly Gauge _drifted;
    private readonly Gauge _available;
    private readonly Gauge _windowRows;
    private volatile Binding? _current;

    /// <summary>Creates the monitor and its gauges in the service's metrics registry.</summary>
    /// <param name="settings">Window size, minimum rows and threshold.</param>
    /// <param name="host">The served model, read when the first scored rows arrive.</param>
    /// <param name="metrics">The registry /metrics exposes.</param>
    /// <param name="logger">Logs why drift is unavailable, once per model.</param>
    public DriftMonitor(DriftOptions settings, ModelHost host, ServingMetrics metrics, ILogger<DriftMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _settings = settings;
        _host = host;
        _logger = logger;
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        _psi = factory.CreateGauge("kiln_feature_drift_psi", "Population stability index of each feature over the last scored rows against the training reference (NaN until the window holds Kiln:Drift:MinimumRows rows).", ["feature"]);
        _drifted = factory.CreateGauge("kiln_feature_drifted", "1 when a feature's PSI is at or above kiln_feature_drift_threshold, else 0.", ["feature"]);
        _available = factory.CreateGauge("kiln_feature_drift_available", "1 when the served model carries reference statistics and drift is measured, else 0.");
        _windowRows = factory.CreateGauge("kiln_feature_drift_window_rows", "Scored rows currently in the drift window.");
        factory.CreateGauge("kiln_feature_drift_threshold", "The PSI from which a feature is marked drifted (Kiln:Drift:Threshold).").Set(settings.Threshold);
        metrics.Registry.AddBeforeCollectCallback(UpdateGauges);
    }

    /// <summary>Adds a scored batch to the window of its model; rows scored before the model is published (the warm-up) are not counted.</summary>
    /// <param name="model">The model that scored the batch.</param>
    /// <param name="batch">The batch.</param>
    public void Observe(OnnxModel model, FeatureBatch batch)
    {
        var binding = _current;
        if (binding is null || !ReferenceEquals(binding.Model, model))
        {
            binding = Bind(model);
        }

        binding?.Window?.Add(batch);
    }

    /// <summary>The drift of every feature of the served model right now.</summary>
    public DriftResponse Report()
    {
        var served = _host.Model;
        if (served is null)
        {
            return Unavailable("", "", "the model is still loading");
        }

        var binding = _current is { } current && ReferenceEquals(current.Model, served.Model) ? current : Bind(served.Model);
        if (binding?.Window is not { } window)
        {
            return Unavailable(served.Name, served.Version, binding?.Reason ?? "no rows scored yet");
        }

        var (filled, observed, counts) = window.Snapshot();
        var features = window.Bins.Select((bins, f) =>
        {
            var expected = window.Reference.Features[f].Counts.ToArray();
            var psi = filled >= _settings.MinimumRows ? PopulationStability.Index(expected, counts[f]) : double.NaN;
            var expectedTotal = Math.Max(1, expected.Sum());
            var actualTotal = Math.Max(1, counts[f].Sum());
            return new FeatureDriftResponse(
                bins.Name,
                bins.Kind == Kiln.Statistics.Binning.BinningKind.Numeric ? "numeric" : "categorical",
                double.IsNaN(psi) ? null : Math.Round(psi, 6),
                double.IsNaN(psi) ? null : psi >= _settings.Threshold,
                double.IsNaN(psi) ? $"waiting for {_settings.MinimumRows:N0} rows" : PopulationStability.Describe(psi, _settings.Threshold),
                [.. Enumerable.Range(0, bins.Count).Select(b => new DriftBinResponse(bins.Label(b), Math.Round((double)expected[b] / expectedTotal, 6), Math.Round((double)counts[f][b] / actualTotal, 6)))]);
        }).ToArray();
        return new DriftResponse(served.Name, served.Version, true, null, _settings.Threshold, _settings.WindowRows, filled, observed, _settings.MinimumRows, window.Reference.Rows, features);
    }

    private DriftResponse Unavailable(string name, string version, string reason) =>
        new(name, version, false, reason, _settings.Threshold, _settings.WindowRows, 0, 0, _settings.MinimumRows, 0, []);

    private Binding? Bind(OnnxModel model)
    {
        // Only the published model counts: the loader's warm-up rows (all missing) would otherwise sit in the window.
        if (!ReferenceEquals(_host.Model?.Model, model))
        {
            return null;
        }

        lock (_binding)
        {
            if (_current is { } current && ReferenceEquals(current.Model, model))
            {
                return current;
            }

            var binding = CreateBinding(model);
            if (binding.Reason is not null)
            {
                LogUnavailable(binding.Reason);
            }

            _current = binding;
            return binding;
        }
    }

    private Binding CreateBinding(OnnxModel model)
    {
        if (!_settings.Enabled)
        {
            return new Binding(model, null, "drift monitoring is off (Kiln:Drift:Enabled=false)");
        }

        if (!model.Metadata.TryGetValue(ReferenceStatistics.MetadataKey, out var json))
        {
            return new Binding(model, null, $"the model carries no reference statistics (metadata '{ReferenceStatistics.MetadataKey}'); it was trained before Kiln recorded them — retrain it to measure drift");
        }

        try
        {
            return new Binding(model, FeatureWindow.Create(model, ReferenceStatistics.Parse(json), _settings.WindowRows), null);
        }
        catch (ReferenceStatisticsException e)
        {
            return new Binding(model, null, $"the model's reference statistics cannot be used: {e.Message}");
        }
    }

    private void UpdateGauges()
    {
        var report = Report();
        _available.Set(report.Available ? 1 : 0);
        _windowRows.Set(report.WindowFilled);
        foreach (var feature in report.Features)
        {
            _psi.WithLabels(feature.Name).Set(feature.Psi ?? double.NaN);
            _drifted.WithLabels(feature.Name).Set(feature.Drifted == true ? 1 : 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drift is unavailable: {Reason}")]
    private partial void LogUnavailable(string reason);

    private sealed record Binding(OnnxModel Model, FeatureWindow? Window, string? Reason);
}
