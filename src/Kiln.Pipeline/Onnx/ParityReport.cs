namespace Kiln.Pipeline.Onnx;

/// <summary>How closely ONNX Runtime reproduces ML.NET's probabilities on the test split (parity.json).</summary>
/// <param name="Rows">Rows compared.</param>
/// <param name="MaxAbsoluteDifference">The largest |ML.NET − ONNX| probability difference.</param>
/// <param name="Tolerance">The allowed maximum.</param>
/// <param name="WorstId">The id of the row with the largest difference.</param>
/// <param name="MlNetProbability">ML.NET's probability on that row.</param>
/// <param name="OnnxProbability">ONNX Runtime's probability on that row.</param>
public sealed record ParityReport(int Rows, double MaxAbsoluteDifference, double Tolerance, string WorstId, float MlNetProbability, float OnnxProbability);
