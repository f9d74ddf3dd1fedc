using System.Globalization;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Schema;

/// <summary>Checks CSV records against the feature schema, turning each into a validated row or a quarantine entry.</summary>
public sealed class RowValidator
{
    private readonly FeatureSchema _schema;
    private readonly int _fieldCount;
    private readonly int _idIndex;
    private readonly int _labelIndex;
    private readonly int[] _numericIndex;
    private readonly int[] _categoricalIndex;

    private RowValidator(FeatureSchema schema, string[] header)
    {
        _schema = schema;
        _fieldCount = header.Length;
        var index = header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        _idIndex = index[schema.Id];
        _labelIndex = index.GetValueOrDefault(schema.Label, -1);
        _numericIndex = [.. schema.Numeric.Select(name => index[name])];
        _categoricalIndex = [.. schema.Categorical.Select(name => index[name])];
    }

    /// <summary>True when the file has the label column.</summary>
    public bool HasLabel => _labelIndex >= 0;

    /// <summary>Binds the schema to a file's header, failing with the file and column name when a configured column is absent.</summary>
    /// <param name="schema">The feature schema.</param>
    /// <param name="header">The header record.</param>
    /// <param name="file">The file name shown in messages.</param>
    /// <param name="requireLabel">True for training data, whose label column must be present.</param>
    /// <param name="allowed">Extra header columns that are known and ignored; null to accept any extra column.</param>
    public static RowValidator ForHeader(FeatureSchema schema, CsvRecord? header, string file, bool requireLabel, IReadOnlyCollection<string>? allowed)
    {
        if (header is null)
        {
            throw new DataValidationException($"{file}: the file is empty; expected a header line naming the columns");
        }

        if (header.Error is not null)
        {
            throw new DataValidationException($"{file}:{header.Line}: the header line is malformed ({header.Error}); it must name the columns");
        }

        var columns = header.Fields.Select(f => f.Trim()).ToArray();
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DataValidationException($"{file}:{header.Line}: column '{duplicate.Key}' appears more than once in the header");
        }

        var required = new List<string> { schema.Id };
        required.AddRange(schema.Features.Select(f => f.Name));
        if (requireLabel)
        {
            required.Add(schema.Label);
        }

        foreach (var column in required.Where(c => !columns.Contains(c, StringComparer.Ordinal)))
        {
            throw new DataValidationException(
                $"{file}:{header.Line}: column '{column}' named in the configuration is not in the header (columns: {string.Join(", ", columns)})");
        }

        if (allowed is not null)
        {
            var known = new HashSet<string>(required.Append(schema.Label).Concat(allowed), StringComparer.Ordinal);
            foreach (var column in columns.Where(c => !known.Contains(c)))
            {
                throw new DataValidationException(
                    $"{file}:{header.Line}: column '{column}' is not in the configuration; list it under dataset.numeric, dataset.categorical or dataset.ignore");
            }
        }

        return new RowValidator(schema, columns);
    }

    /// <summary>Validates one record; exactly one of the results is non-null.</summary>
    /// <param name="record">The record.</param>
    /// <param name="rejection">Why the row was rejected, when it was.</param>
    public ValidatedRow? Validate(CsvRecord record, out RowRejection? rejection)
    {
        rejection = null;
        if (record.Error is not null)
        {
            rejection = new RowRejection(record.Line, "malformed_quoting", record.Error, record.Raw);
            return null;
        }

        var fields = record.Fields;
        if (fields.Length != _fieldCount)
        {
            rejection = new RowRejection(record.Line, "wrong_field_count", $"expected {_fieldCount} fields, found {fields.Length}", record.Raw);
            return null;
        }

        var numeric = new float[_numericIndex.Length];
        for (var i = 0; i < _numericIndex.Length; i++)
        {
            var text = fields[_numericIndex[i]].Trim();
            if (text.Length == 0)
            {
                numeric[i] = float.NaN;
            }
            else if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out numeric[i]) || !float.IsFinite(numeric[i]))
            {
                rejection = new RowRejection(record.Line, "unparsable_number", $"column '{_schema.Numeric[i]}': '{text}' is not a number", record.Raw);
                return null;
            }
        }

        bool? label = null;
        if (_labelIndex >= 0)
        {
            var text = fields[_labelIndex].Trim();
            if (text == _schema.Positive)
            {
                label = true;
            }
            else if (text == _schema.Negative)
            {
                label = false;
            }
            else
            {
                rejection = new RowRejection(
                    record.Line,
                    "invalid_label",
                    $"column '{_schema.Label}': '{text}' is neither '{_schema.Positive}' nor '{_schema.Negative}'",
                    record.Raw);
                return null;
            }
        }

        var categorical = new string[_categoricalIndex.Length];
        for (var i = 0; i < _categoricalIndex.Length; i++)
        {
            categorical[i] = Kiln.Inference.FeatureValues.NormalizeCategory(fields[_categoricalIndex[i]]);
        }

        return new ValidatedRow(record.Line, fields[_idIndex], numeric, categorical, label);
    }
}
