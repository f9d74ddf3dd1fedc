using System.IO.Compression;
using System.Text;

namespace Kiln.Serving.Tests.Fuzzing;

/// <summary>Raw HTTP/1.1 requests around a valid body: chunked good and broken, lying lengths, header-only, half-closed sockets.</summary>
/// <param name="random">The fuzzer's seeded random source.</param>
public sealed class TransportCases(Random random)
{
    /// <summary>One raw case around <paramref name="body"/>.</summary>
    /// <param name="number">The case number.</param>
    /// <param name="path">The endpoint.</param>
    /// <param name="body">A valid body for it.</param>
    /// <param name="expected">Its probabilities, attached when the raw request is still valid (then it must answer 200).</param>
    public FuzzCase Create(int number, string path, byte[] body, IReadOnlyList<float> expected)
    {
        var json = "Content-Type: application/json";
        var length = $"Content-Length: {body.Length}";
        var (description, request, valid, halfClose) = random.Next(19) switch
        {
            0 => ("chunked in random chunk sizes", Head(path, json, "Transfer-Encoding: chunked") + Chunks(body), true, false),
            1 => ("chunked with a chunk extension and a trailer", Head(path, json, "Transfer-Encoding: chunked")
                + $"{body.Length:x};name=value\r\n{Latin1(body)}\r\n0\r\nX-Trailer: yes\r\n\r\n", true, false),
            2 => ("chunked with a chunk size that is not hex", Head(path, json, "Transfer-Encoding: chunked") + $"ZZ\r\n{Latin1(body)}\r\n0\r\n\r\n", false, false),
            3 => ("chunked with a chunk size past 2^64", Head(path, json, "Transfer-Encoding: chunked") + $"FFFFFFFFFFFFFFFFFF\r\n{Latin1(body)}\r\n0\r\n\r\n", false, false),
            4 => ("chunked, cut mid-chunk, then the client stops sending", Head(path, json, "Transfer-Encoding: chunked")
                + $"{body.Length:x}\r\n{Latin1(body[..(body.Length / 2)])}", false, true),
            5 => ("chunked without the CRLF after the data", Head(path, json, "Transfer-Encoding: chunked") + $"{body.Length:x}\r\n{Latin1(body)}0\r\n\r\n", false, false),
            6 => ("Content-Length longer than the body, then the client stops sending", Head(path, json, $"Content-Length: {body.Length + 50}") + Latin1(body), false, true),
            7 => ("Content-Length shorter than the body (the rest is read as the next request)", Head(path, json, $"Content-Length: {body.Length / 2}") + Latin1(body), false, false),
            8 => ("both Content-Length and chunked", Head(path, json, length, "Transfer-Encoding: chunked") + Chunks(body), false, false),
            9 => ("headers only, Content-Length: 0", Head(path, json, "Content-Length: 0"), false, false),
            10 => ("headers only, no length at all", Head(path, json), false, false),
            11 => ("Expect: 100-continue", Head(path, json, length, "Expect: 100-continue") + Latin1(body), true, false),
            12 => ("a gzip body with Content-Encoding: gzip", Head(path, json, $"Content-Length: {Gzip(body).Length}", "Content-Encoding: gzip") + Latin1(Gzip(body)), false, false),
            13 => Pick<(string, string, bool, bool)>(
            [
                ("Content-Length: abc", Head(path, json, "Content-Length: abc") + Latin1(body), false, false),
                ("Content-Length: -1", Head(path, json, "Content-Length: -1") + Latin1(body), false, false),
                ("two different Content-Length headers", Head(path, json, length, $"Content-Length: {body.Length + 1}") + Latin1(body), false, false),
                ("Content-Length past 2^63", Head(path, json, "Content-Length: 99999999999999999999") + Latin1(body), false, false),
            ]),
            14 => ("HTTP/1.0 without Host", $"POST {path} HTTP/1.0\r\n{json}\r\n{length}\r\n\r\n{Latin1(body)}", true, false),
            15 => ("a valid request pipelined with a broken one", Head(path, json, length).Replace("Connection: close\r\n", "", StringComparison.Ordinal) + Latin1(body)
                + Head(path, json, "Content-Length: 3") + "[1,", false, false),
            16 => Pick<(string, string, bool, bool)>(
            [
                ("HTTP/9.9", $"POST {path} HTTP/9.9\r\nHost: x\r\n{length}\r\n\r\n{Latin1(body)}", false, false),
                ("a lower-case method", $"post {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{json}\r\n{length}\r\n\r\n{Latin1(body)}", false, false),
                ("a space inside the path", $"POST {path[..3]} {path[3..]} HTTP/1.1\r\nHost: x\r\n{length}\r\n\r\n{Latin1(body)}", false, false),
                ("a path without its slash", $"POST {path[1..]} HTTP/1.1\r\nHost: x\r\n{length}\r\n\r\n{Latin1(body)}", false, false),
                ("a bare LF line ending", $"POST {path} HTTP/1.1\nHost: x\nConnection: close\n{json}\n{length}\n\n{Latin1(body)}", false, false),
            ]),
            17 => Pick<(string, string, bool, bool)>(
            [
                ("a header without a colon", Head(path, json, length, "X-Broken header") + Latin1(body), false, false),
                ("a NUL byte in a header", Head(path, json, length, "X-Nul: a\0b") + Latin1(body), false, false),
                ("an obsolete folded header line", Head(path, json, length, "X-Folded: a", " b") + Latin1(body), false, false),
                ("a 40 KB header", Head(path, json, length, "X-Big: " + new string('h', 40_000)) + Latin1(body), false, false),
                ("a Content-Type with a NUL byte", Head(path, "Content-Type: application/json\0", length) + Latin1(body), false, false),
            ]),
            _ => ("chunked, with bytes that are not UTF-8 in the body", Head(path, json, "Transfer-Encoding: chunked")
                + Chunks([.. body.AsSpan(0, body.Length / 2), 0xFF, 0xC0, .. body.AsSpan(body.Length / 2)]), false, false),
        };
        return new FuzzCase(number, MutationClass.Transport, description, "POST", path, "application/json", body, valid ? expected : null,
            new RawExchange(Encoding.Latin1.GetBytes(request), halfClose, request.Contains(" HTTP/9.9", StringComparison.Ordinal)));
    }

    // Every request but the pipelined one asks the server to close afterwards, so the reader knows when the answer is complete.
    private static string Head(string path, params string[] headers) =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";

    private string Chunks(byte[] body)
    {
        var text = new StringBuilder();
        for (var at = 0; at < body.Length;)
        {
            var size = Math.Min(body.Length - at, random.Next(1, 40));
            text.Append($"{size:x}\r\n").Append(Latin1(body.AsSpan(at, size))).Append("\r\n");
            at += size;
        }

        return text.Append("0\r\n\r\n").ToString();
    }

    // Latin-1 maps bytes 1:1 to chars, so the request string carries the body's bytes unchanged.
    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
