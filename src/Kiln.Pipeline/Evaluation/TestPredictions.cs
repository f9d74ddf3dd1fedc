using System.Globalization;
using Kiln.Inference;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Schema;

namespace Kiln.Pipeline.Evaluation;

/// <summary>Writes <c>artifacts/evaluation/test-predictions.csv</c> (<c>id,label,probability</c>), one line per scored test row.</summary>
public static class TestPredictions
{
    /// <summary>Writes the rows in order, atomically, with round-trippable probabilities.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="scored">Each test row with its prediction.</param>
    public static void Write(string path, IEnumerable<(ValidatedRow Row, Prediction Prediction)> scored) =>
        AtomicFile.WriteText(path, writer =>
        {
            CsvWriter.WriteRow(writer, ["id", "label", "probability"]);
            foreach (var (row, prediction) in scored)
            {
                CsvWriter.WriteRow(writer, [row.Id, row.Label!.Value ? "1" : "0", prediction.Probability.ToString("R", CultureInfo.InvariantCulture)]);
            }
        });
}
