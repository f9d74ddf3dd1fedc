using System.Buffers;

namespace Kiln.Serving.Parsing;

/// <summary>A JSON request body read into a pooled buffer, bounded by the configured size limit.</summary>
public sealed class RequestBody : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private RequestBody(byte[] buffer) => _buffer = buffer;

    /// <summary>The body bytes.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>Checks the content type and reads the whole body; throws <see cref="RequestRejectedException"/> with 415 or 413.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The size limit (<c>Kiln:Limits:MaxRequestBodyBytes</c>).</param>
    /// <param name="cancellationToken">Aborted request.</param>
    public static async ValueTask<RequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            var got = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, $"the body must be JSON (Content-Type: application/json), got {got}");
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
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
                        throw TooLarge(maxBytes);
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
                    throw TooLarge(maxBytes);
                }

                if (read == 0)
                {
                    break;
                }

                body._length += read;
                if (body._length > maxBytes)
                {
                    throw TooLarge(maxBytes);
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

    private static RequestRejectedException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {maxBytes} bytes (Kiln:Limits:MaxRequestBodyBytes)");
}
