namespace Kiln.Serving.Tests.Fuzzing;

/// <summary>A hand-written HTTP/1.1 request sent over a plain socket.</summary>
/// <param name="Request">Request line, headers and body exactly as sent.</param>
/// <param name="HalfClose">Shut down the sending side after writing, as a client that gives up mid-body does.</param>
/// <param name="UnsupportedVersion">The request line names an HTTP version other than 1.0 and 1.1, which Kestrel itself answers with
/// 505 (RFC 9110, 15.6.6) before the app runs: the one 5xx that is the protocol's required answer to the client.</param>
public sealed record RawExchange(byte[] Request, bool HalfClose, bool UnsupportedVersion = false);
