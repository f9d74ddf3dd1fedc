namespace Kiln.Serving.Tests.Fuzzing;

/// <summary>The kinds of damage the fuzzer does to a valid request.</summary>
public enum MutationClass
{
    /// <summary>A value replaced by one of another JSON type.</summary>
    Types,

    /// <summary>Escapes injected into a string or a key: lone and reversed surrogates, NUL, invalid and truncated escapes.</summary>
    Escapes,

    /// <summary>A value wrapped in arrays or objects nested up to and past the reader's depth limit.</summary>
    Depth,

    /// <summary>The body cut at a random byte.</summary>
    Truncation,

    /// <summary>A key, a record, a tensor or the whole root repeated.</summary>
    Duplicates,

    /// <summary>Row counts at and over the limit, huge strings, keys and numbers, bodies over the size limit.</summary>
    Sizes,

    /// <summary>Missing, wrong, malformed and non-UTF-8 content types, and compressed encodings.</summary>
    ContentTypes,

    /// <summary>Numbers out of float range, huge exponents, NaN and Infinity literals, non-JSON number syntax.</summary>
    Numbers,

    /// <summary>Bytes that are not UTF-8 inside strings and keys, UTF-16 bodies, byte order marks.</summary>
    Encoding,

    /// <summary>Empty, whitespace-only and scalar bodies, comments and trailing commas.</summary>
    Blank,

    /// <summary>Random bytes flipped, inserted or deleted.</summary>
    Bytes,

    /// <summary>Fields of the protocol junked: features, tensor names, datatypes, shapes, data, outputs, parameters, id.</summary>
    Fields,

    /// <summary>Rewrites that keep the request valid (escaped keys, reordered keys, whitespace, BOM, charset): must score the same.</summary>
    Equivalents,

    /// <summary>Wrong methods and odd paths.</summary>
    Routes,

    /// <summary>Raw HTTP/1.1: chunked bodies good and broken, header-only requests, lying Content-Length, half-closed sockets.</summary>
    Transport,
}
