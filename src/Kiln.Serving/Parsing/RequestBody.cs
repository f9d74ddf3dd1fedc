using System.Buffers;
using Microsoft.Net.Http.Headers;

namespace Kiln.Serving.Parsing;

/// <summary>A JSON request body read into a pooled buffer, bounded by the configured size limit.</summary>
public sealed class RequestBody : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private RequestBody(byte[] buffer) => _buffer = buffer;

    /// <summary>The body bytes, after a UTF-8 byte order mark if there is one.</summary>
    /// <remarks>RFC 8259 lets a parser ignore a leading BOM, and editors on Windows write one.</remarks>
    public ReadOnlyMemory<byte> Memory => _buffer.AsSpan(0, _length).StartsWith(Utf8Bom) ? _buffer.AsMemory(3, _length - 3) : _buffer.AsMemory(0, _length);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Checks the content type and reads the whole body; throws <see cref="RequestRejectedException"/> with 415, 413 or the 4xx Kestrel gave.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The size limit (<c>Kiln:Limits:MaxRequestBodyBytes</c>).</param>
    /// <param name="cancellationToken">Aborted request.</param>
    public static async ValueTask<RequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            var got = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            throw Unread(request, StatusCodes.Status415UnsupportedMediaType, $"the body must be JSON (Content-Type: application/json), got {got}");
        }

        CheckEncoding(request);

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request, maxBytes);
        }

        var body = new RequestBody(ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, maxBytes) + 1));
        try
        {
            while (true)
            {
                if (body._length == body._buffer.Length)
                {
                    if (body._length > maxBytes)
                    {
                        throw TooLarge(request, maxBytes);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)body._buffer.Length * 2, maxBytes + 1));
                    body._buffer.AsSpan(0, body._length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(body._buffer);
                    body._buffer = larger;
                }

                int read;
                try
                {
                    read = await request.Body.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    throw TooLarge(request, maxBytes);
                }
                catch (BadHttpRequestException e)
                {
                    // A body shorter than its Content-Length, a client too slow to send it: the client's fault, with Kestrel's
                    // own status; left to the exception handler it would become a 500.
                    throw Unread(request, e.StatusCode, $"the request body could not be read: {e.Message}");
                }
                catch (IOException e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Kestrel reports some broken chunked encodings (a chunk size past 2^64) as a plain IOException.
                    throw Unread(request, StatusCodes.Status400BadRequest, $"the request body could not be read: {e.Message}");
                }

                if (read == 0)
                {
                    break;
                }

                body._length += read;
                if (body._length > maxBytes)
                {
                    throw TooLarge(request, maxBytes);
                }
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
    }

    private static void CheckEncoding(HttpRequest request)
    {
        // Only a charset parameter needs the full parse; the common "application/json" skips it.
        var contentType = request.ContentType!;
        if (contentType.Contains("charset", StringComparison.OrdinalIgnoreCase)
            && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.Charset is { Length: > 0 } quoted
            && HeaderUtilities.RemoveQuotes(quoted) is var charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            throw Unread(request, StatusCodes.Status415UnsupportedMediaType, $"the body must be UTF-8 JSON, got charset '{charset}' in Content-Type '{contentType}'");
        }

        var encoding = request.Headers.ContentEncoding;
        if (encoding.Count > 0 && !(encoding.Count == 1 && string.Equals(encoding[0], "identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw Unread(request, StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported; send the JSON uncompressed");
        }
    }

    private static RequestRejectedException TooLarge(HttpRequest request, long maxBytes) =>
        Unread(request, StatusCodes.Status413PayloadTooLarge, $"the body is larger than {maxBytes} bytes (Kiln:Limits:MaxRequestBodyBytes)");

    // Rejected before the body was read to its end: keeping the connection would leave Kestrel to drain the rest, and past the
    // size limit it then drops the connection under a client already reusing it. RFC 9112 asks to close after answering instead.
    private static RequestRejectedException Unread(HttpRequest request, int status, string message)
    {
        request.HttpContext.Response.Headers.Connection = "close";
        return new RequestRejectedException(status, message);
    }
}
