namespace Kiln.Statistics.Association;

/// <summary>Cramér's V: the strength of association between two categorical variables, from 0 (independent) to 1 (one determines the other).</summary>
public static class CramersV
{
    /// <summary>V of a contingency table of counts; empty rows and columns are ignored; NaN when fewer than two rows or columns remain.</summary>
    /// <param name="table">Counts, table[row][column], all rows the same length.</param>
    public static double Of(IReadOnlyList<long[]> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Count == 0 ? 0 : table[0].Length;
        var rowTotals = table.Select(r => (double)r.Sum()).ToArray();
        var columnTotals = new double[columns];
        foreach (var row in table)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(row.Length, columns, nameof(table));
            for (var c = 0; c < columns; c++)
            {
                columnTotals[c] += row[c];
            }
        }

        var n = rowTotals.Sum();
        var usedRows = rowTotals.Count(t => t > 0);
        var usedColumns = columnTotals.Count(t => t > 0);
        if (usedRows < 2 || usedColumns < 2)
        {
            return double.NaN;
        }

        double chiSquare = 0;
        for (var r = 0; r < table.Count; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (rowTotals[r] > 0 && columnTotals[c] > 0)
                {
                    var expected = rowTotals[r] * columnTotals[c] / n;
                    var difference = table[r][c] - expected;
                    chiSquare += difference * difference / expected;
                }
            }
        }

        return Math.Sqrt(chiSquare / n / (Math.Min(usedRows, usedColumns) - 1));
    }
}
