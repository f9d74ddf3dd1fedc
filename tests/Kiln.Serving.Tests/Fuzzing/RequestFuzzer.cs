using System.Text;
using System.Text.Json;
using Kiln.Testing;
using Kiln.Serving.Tests.Support;

namespace Kiln.Serving.Tests.Fuzzing;

/// <summary>A deterministic fuzzer: from one seed, valid /predict and OIP inference requests damaged in every <see cref="MutationClass"/>.</summary>
/// <param name="seed">The seed; the same seed gives the same cases in the same order.</param>
/// <param name="pool">Rows the valid bodies are cut from.</param>
/// <param name="expected">ONNX Runtime's probability for each pool row.</param>
/// <param name="maxRows">The service's row limit, so sizes land at and over it.</param>
/// <param name="maxBodyBytes">The service's body size limit.</param>
public sealed class RequestFuzzer(int seed, IReadOnlyList<ChurnRow> pool, IReadOnlyList<float> expected, int maxRows, int maxBodyBytes)
{
    private const string Json = "application/json";

    private static readonly string[] Literals =
        ["null", "true", "false", "0", "-7", "1.5", "\"\"", "\"text\"", "\"5\"", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}", "\"NaN\"", "[[1]]", "\"😀\"", "\"\\ud800\""];

    private static readonly string[] Escapes =
        ["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud800\\u0041", "\\ud800\\ud800", "\\uDBFF", "\\u0000", "\\u001f", "\\uffff", "\\ufeff", "\\/", "\\\"", "\\\\",
         "\\u12", "\\x41", "\\U0041", "\\u", "\\ud83d\\ude00", "\\u00e9", "\\", "\\uD800\\uDC00", "\\b\\f\\n\\r\\t", "\\u0022", "\\u005c"];

    private static readonly string[] Numbers =
        ["1e39", "-1e39", "3.4028235e38", "3.4028236e38", "1e-50", "-0", "0e0", "1E400", "1e999999999999", "-1e-999999", "123456789012345678901234567890",
         "NaN", "Infinity", "-Infinity", "+1", "01", "00", ".5", "5.", "0x10", "1e", "--1", "1_000", "1.0e+", "-", "1e-", "4.9e-324", "1e308", "2e308",
         "9223372036854775807", "9223372036854775808", "-9223372036854775809", "0.000000000000000000000000000000000000000000000001", "١", "1,5", "true1"];

    private static readonly byte[][] InvalidUtf8 =
        [[0xFF], [0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xC3], [0xF0, 0x9F, 0x98], [0xEF, 0xBB, 0xBF], [0x00], [0x1B]];

    private static readonly string[] Blanks =
        ["", " ", "\n", "\r\n\t ", "null", "0", "\"\"", "true", "[]", "{}", "[null]", "[{}]", "[[]]", "{\"inputs\":null}", "{\"inputs\":[null]}", "/* */[]",
         "[{},]", "// x\n[]", "\u00a0", "\u3000[]", "[\u000b]", "{\"inputs\":[]} {}", "]", "}", "[}", "{]", "\"\\\"", ",", ":", "[1]", "{\"inputs\":[{}]}", "\"[{}]\""];

    private static readonly (string? Type, bool Valid)[] ContentTypes =
    [
        (Json, true), ("application/json; charset=utf-8", true), ("application/json;charset=UTF-8", true), ("APPLICATION/JSON", true),
        ("application/json; charset=\"utf-8\"", true), ("application/problem+json", true), ("application/vnd.kiln.v2+json", true), ("application/json; foo=bar", true),
        (null, false), ("", false), ("text/plain", false), ("text/json", false), ("application/xml", false), ("application/x-www-form-urlencoded", false),
        ("multipart/form-data; boundary=x", false), ("application/json; charset=utf-16", false), ("application/json; charset=latin1", false),
        ("application/json; charset=", false), ("*/*", false), ("application/*", false), ("json", false), ("application/json;;", false), (";;;", false),
        ("application/json; charset=utf-8; charset=utf-16", false), ("application/jsonx", false), ("application/json; charset=\"", false), ("/json", false),
    ];

    private static readonly Dictionary<string, string[]> FieldJunk = new()
    {
        ["name"] = ["\"\"", "\"TENURE_MONTHS\"", "5", "null", "\"\\ud800\"", "\"x\"", "[]", "\"" + new string('n', 5000) + "\"", "\"tenure_months \""],
        ["datatype"] = ["\"INT64\"", "\"fp32\"", "\"FP64\"", "\"BOOL\"", "\"BYTES\"", "\"FP32\"", "\"\"", "5", "null", "\"\\ud800\"", "{}", "\"FP16\""],
        ["shape"] = ["[]", "[-1,1]", "[1,2]", "[1,1,1]", "[1e30]", "[9223372036854775807,1]", "[9223372036854775808]", "[\"1\"]", "null", "[0,1]", "[2,1]", "[1.5,1]",
                     "[[1],1]", "[1,0]", "[1000000,1]", "[2147483648,1]", "{}", "\"1,1\"", "[0]", "[-0,1]"],
        ["data"] = ["\"x\"", "[[1]]", "[[[1]]]", "[[1,2]]", "[{}]", "[null]", "[\"1\"]", "[1]", "[true]", "[1,2,3,4]", "[]", "null", "{}", "[[],[]]", "[\"\\ud800\"]",
                    "[1e39]", "[NaN]", "[\"a\",\"b\",\"c\"]", "[[\"a\"],[\"b\"]]", "[" + new string('[', 70) + new string(']', 70) + "]"],
        ["id"] = ["5", "null", "{}", "[]", "\"\\ud800\"", "\"" + new string('i', 20000) + "\"", "true", "\"\"", "\"\\u0000\""],
        ["outputs"] = ["\"x\"", "[]", "[{}]", "[{\"name\":5}]", "[{\"name\":\"Probability\",\"parameters\":{\"x\":[1]}}]", "[{\"name\":\"Logits\"}]", "[\"Probability\"]",
                       "[{\"name\":\"\\ud800\"}]", "[{\"\\ud800\":1}]", "null", "[[[[{}]]]]", "[{\"name\":\"Probability\"},{\"name\":\"Probability\"}]", "{}", "[{\"name\":null}]",
                       "[{\"name\":\"probability\"}]", "[{\"name\":\"Score\",\"name\":\"Logits\"}]"],
        ["parameters"] = ["null", "5", "\"x\"", "{\"binary_data_output\":true}", "[[[[]]]]", "{\"a\":\"\\ud800\"}", "{\"\\ud800\":1}", "{\"x\":" + new string('[', 60) + new string(']', 60) + "}"],
        ["inputs"] = ["null", "{}", "[]", "[null]", "[[]]", "\"x\"", "[{}]", "[1]", "[{\"name\":\"tenure_months\"}]"],
    };

    private readonly Random _random = new(seed);

    /// <summary>Generates the cases: <paramref name="perEndpoint"/> for each endpoint, cycling through every class, then the raw HTTP ones.</summary>
    /// <param name="perEndpoint">Cases per endpoint.</param>
    /// <param name="transport">Raw HTTP/1.1 cases.</param>
    public List<FuzzCase> Generate(int perEndpoint, int transport)
    {
        var classes = Enum.GetValues<MutationClass>().Where(c => c != MutationClass.Transport).ToArray();
        var cases = new List<FuzzCase>(perEndpoint * 2 + transport);
        for (var i = 0; i < perEndpoint * 2; i++)
        {
            cases.Add(Mutate(cases.Count, classes[i / 2 % classes.Length], Base(infer: i % 2 == 1)));
        }

        var raw = new TransportCases(_random);
        for (var i = 0; i < transport; i++)
        {
            var valid = Base(infer: i % 2 == 1);
            cases.Add(raw.Create(cases.Count, valid.Path, valid.Body, valid.Expected));
        }

        return cases;
    }

    private FuzzCase Mutate(int number, MutationClass type, Valid valid) => type switch
    {
        MutationClass.Types => TypeSwap(number, valid),
        MutationClass.Escapes => Escape(number, valid),
        MutationClass.Depth => Depth(number, valid),
        MutationClass.Truncation => Truncate(number, valid),
        MutationClass.Duplicates => Duplicate(number, valid),
        MutationClass.Sizes => Size(number, valid),
        MutationClass.ContentTypes => ContentType(number, valid),
        MutationClass.Numbers => Number(number, valid),
        MutationClass.Encoding => Encode(number, valid),
        MutationClass.Blank => Blank(number, valid),
        MutationClass.Bytes => FlipBytes(number, valid),
        MutationClass.Fields => valid.Infer ? InferField(number, valid) : PredictField(number, valid),
        MutationClass.Equivalents => Equivalent(number, valid),
        MutationClass.Routes => Route(number, valid),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "raw HTTP cases come from TransportCases"),
    };

    private FuzzCase TypeSwap(int number, Valid valid)
    {
        var span = Pick(valid.Spans.Values);
        var literal = Pick(Literals);
        return Case(number, MutationClass.Types, $"{span.Type} at byte {span.Start} replaced by {literal}", valid, Splice(valid.Body, span.Start, span.End, literal));
    }

    private FuzzCase Escape(int number, Valid valid)
    {
        var span = Pick(Strings(valid));
        var at = _random.Next(span.Start + 1, span.End);
        var escape = Pick(Escapes);
        return Case(number, MutationClass.Escapes, $"{escape} inside the {span.Type} at byte {span.Start}", valid, Splice(valid.Body, at, at, escape));
    }

    private FuzzCase Depth(int number, Valid valid)
    {
        var depth = Pick([1, 2, 10, 62, 63, 64, 65, 128, 1000, 20000]);
        var arrays = _random.Next(2) == 0;
        var (open, close) = arrays ? ("[", "]") : ("{\"k\":", "}");
        var span = Pick(valid.Spans.Values);
        return _random.Next(4) switch
        {
            0 => Case(number, MutationClass.Depth, $"{span.Type} at byte {span.Start} nested {depth} deep in {(arrays ? "arrays" : "objects")}", valid,
                Splice(valid.Body, span.Start, span.End, Repeat(open, depth) + Text(valid.Body, span) + Repeat(close, depth))),
            1 => Case(number, MutationClass.Depth, $"the body replaced by {depth} nested {(arrays ? "arrays" : "objects")}", valid,
                Encoding.UTF8.GetBytes(Repeat(open, depth) + (arrays ? "" : "1") + Repeat(close, depth))),
            2 => Case(number, MutationClass.Depth, $"{depth} unclosed {(arrays ? "arrays" : "objects")}", valid, Encoding.UTF8.GetBytes(Repeat(open, depth))),
            _ => Case(number, MutationClass.Depth, $"{depth} extra closing brackets", valid, [.. valid.Body, .. Encoding.UTF8.GetBytes(Repeat("]", Math.Min(depth, 1000)))]),
        };
    }

    private FuzzCase Truncate(int number, Valid valid)
    {
        var cut = _random.Next(valid.Body.Length);
        var tail = _random.Next(4) == 0 ? Pick(["]", "}", "\"", "]}", "}]", "\"}]", ",", ":"]) : "";
        return Case(number, MutationClass.Truncation, $"cut after {cut} of {valid.Body.Length} bytes{(tail.Length > 0 ? $", then {tail}" : "")}", valid,
            [.. valid.Body.AsSpan(0, cut), .. Encoding.UTF8.GetBytes(tail)]);
    }

    private FuzzCase Duplicate(int number, Valid valid)
    {
        var member = Pick(valid.Spans.Members);
        var memberText = Encoding.UTF8.GetString(valid.Body, member.Key.Start, member.Value.End - member.Key.Start);
        switch (_random.Next(4))
        {
            case 0:
                return Case(number, MutationClass.Duplicates, $"member '{member.Name}' repeated", valid, Splice(valid.Body, member.Value.End, member.Value.End, "," + memberText));
            case 1:
                var elements = valid.Spans.Values.Where(v => v.Start > 0 && valid.Body[v.Start - 1] is (byte)'[' or (byte)',').ToList();
                var element = Pick(elements);
                return Case(number, MutationClass.Duplicates, $"array element at byte {element.Start} repeated", valid,
                    Splice(valid.Body, element.End, element.End, "," + Text(valid.Body, element)));
            case 2:
                return Case(number, MutationClass.Duplicates, "the whole root twice", valid, [.. valid.Body, .. (_random.Next(2) == 0 ? "\n"u8 : ""u8), .. valid.Body]);
            default:
                var literal = Pick(Literals);
                return Case(number, MutationClass.Duplicates, $"member '{member.Name}' repeated with value {literal}", valid,
                    Splice(valid.Body, member.Value.End, member.Value.End, "," + Text(valid.Body, member.Key) + ":" + literal));
        }
    }

    private FuzzCase Size(int number, Valid valid)
    {
        switch (_random.Next(9))
        {
            case 0:
                var full = Base(valid.Infer, maxRows);
                return Case(number, MutationClass.Sizes, $"exactly the {maxRows}-row limit", full, full.Body, ok: true);
            case 1:
                var over = Base(valid.Infer, maxRows + 1);
                return Case(number, MutationClass.Sizes, $"{maxRows + 1} rows, one over the limit", over, over.Body);
            case 2:
                var span = Pick(Strings(valid));
                var length = Pick([1000, 20000, maxBodyBytes]);
                return Case(number, MutationClass.Sizes, $"{span.Type} at byte {span.Start} made {length} characters long", valid,
                    Splice(valid.Body, span.Start + 1, span.End - 1, new string('x', length)));
            case 3:
                return Case(number, MutationClass.Sizes, $"padded with whitespace to exactly the {maxBodyBytes}-byte limit", valid,
                    [.. valid.Body, .. Encoding.ASCII.GetBytes(new string(' ', maxBodyBytes - valid.Body.Length))], ok: true);
            case 4:
                return Case(number, MutationClass.Sizes, $"padded with whitespace to {maxBodyBytes + 1} bytes, one over the limit", valid,
                    [.. valid.Body, .. Encoding.ASCII.GetBytes(new string(' ', maxBodyBytes + 1 - valid.Body.Length))]);
            case 5:
                var numberSpan = Pick(valid.Spans.Values.Where(v => v.Type == JsonTokenType.Number).ToList());
                var digits = Pick([300, 5000, 40000]);
                return Case(number, MutationClass.Sizes, $"number at byte {numberSpan.Start} made {digits} digits long", valid,
                    Splice(valid.Body, numberSpan.Start, numberSpan.End, "1" + new string('0', digits - 1)));
            case 6:
                var key = Pick(valid.Spans.Keys);
                return Case(number, MutationClass.Sizes, $"key at byte {key.Start} made 10000 characters long", valid,
                    Splice(valid.Body, key.Start + 1, key.End - 1, new string('k', 10000)));
            case 7:
                var empty = valid.Infer ? Encoding.UTF8.GetBytes(Bodies.Infer([])) : "[]"u8.ToArray();
                return Case(number, MutationClass.Sizes, "zero rows", valid, empty);
            default:
                var records = Pick([maxRows + 1, maxRows * 10, 5000]);
                var many = valid.Infer
                    ? "{\"inputs\":[" + string.Join(",", Enumerable.Repeat("{}", records)) + "]}"
                    : "[" + string.Join(",", Enumerable.Repeat("{}", records)) + "]";
                return Case(number, MutationClass.Sizes, $"{records} empty objects", valid, Encoding.UTF8.GetBytes(many));
        }
    }

    private FuzzCase ContentType(int number, Valid valid)
    {
        switch (_random.Next(6))
        {
            case 0:
                return Case(number, MutationClass.ContentTypes, "UTF-16 body declared as charset=utf-16", valid,
                    Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(valid.Body)), contentType: "application/json; charset=utf-16");
            case 1:
                var encoding = Pick(["gzip", "deflate", "br", "identity", "gzip, identity", "x-unknown"]);
                return Case(number, MutationClass.ContentTypes, $"Content-Encoding: {encoding} on a plain body", valid, valid.Body,
                    ok: encoding == "identity", headers: new Dictionary<string, string> { ["Content-Encoding"] = encoding });
            default:
                var (type, ok) = Pick(ContentTypes);
                return Case(number, MutationClass.ContentTypes, $"Content-Type {(type is null ? "missing" : $"'{type}'")}", valid, valid.Body, ok, type);
        }
    }

    private FuzzCase Number(int number, Valid valid)
    {
        var span = Pick(valid.Spans.Values.Where(v => v.Type == JsonTokenType.Number).ToList());
        var literal = Pick(Numbers);
        return Case(number, MutationClass.Numbers, $"number {Text(valid.Body, span)} at byte {span.Start} replaced by {literal}", valid, Splice(valid.Body, span.Start, span.End, literal));
    }

    private FuzzCase Encode(int number, Valid valid)
    {
        var invalid = Pick(InvalidUtf8);
        var hex = Convert.ToHexString(invalid);
        var text = Encoding.UTF8.GetString(valid.Body);
        switch (_random.Next(7))
        {
            case 0:
                var span = Pick(Strings(valid));
                var at = _random.Next(span.Start + 1, span.End);
                return Case(number, MutationClass.Encoding, $"bytes {hex} inside the {span.Type} at byte {span.Start}", valid, Splice(valid.Body, at, at, invalid));
            case 1:
                var anywhere = _random.Next(valid.Body.Length + 1);
                return Case(number, MutationClass.Encoding, $"bytes {hex} at byte {anywhere}", valid, Splice(valid.Body, anywhere, anywhere, invalid));
            case 2:
                var (name, bytes) = Pick<(string, byte[])>(
                [
                    ("UTF-16LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]),
                    ("UTF-16LE", Encoding.Unicode.GetBytes(text)),
                    ("UTF-16BE", Encoding.BigEndianUnicode.GetBytes(text)),
                    ("UTF-32", Encoding.UTF32.GetBytes(text)),
                    ("Latin-1 with an accented category", Encoding.Latin1.GetBytes(text.Replace("card", "carté", StringComparison.Ordinal))),
                ]);
                return Case(number, MutationClass.Encoding, $"the body encoded as {name} but sent as application/json", valid, bytes);
            case 3:
                return Case(number, MutationClass.Encoding, "two byte order marks", valid, [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. valid.Body]);
            case 4:
                var gap = Pick(valid.Spans.Values).Start;
                return Case(number, MutationClass.Encoding, $"a byte order mark inside the body at byte {gap}", valid, Splice(valid.Body, gap, gap, [0xEF, 0xBB, 0xBF]));
            case 5:
                var value = Pick(Strings(valid));
                var unicode = Pick(["é", "😀", "日本", "\u200b", "\u2028", "ﬀ", "Ω", "\U0010FFFF"]);
                return Case(number, MutationClass.Encoding, $"valid UTF-8 '{unicode}' appended inside the {value.Type} at byte {value.Start}", valid,
                    Splice(valid.Body, value.End - 1, value.End - 1, unicode));
            default:
                return Case(number, MutationClass.Encoding, "a UTF-8 byte order mark before the body", valid, [0xEF, 0xBB, 0xBF, .. valid.Body], ok: true);
        }
    }

    private FuzzCase Blank(int number, Valid valid)
    {
        switch (_random.Next(4))
        {
            case 0:
                var padding = Pick([" ", "\n", "\r\n", "\t \t", new string(' ', 1000)]);
                return Case(number, MutationClass.Blank, "whitespace around the body", valid, Encoding.UTF8.GetBytes(padding + Encoding.UTF8.GetString(valid.Body) + padding), ok: true);
            case 1:
                var at = Pick(valid.Spans.Values).Start;
                return Case(number, MutationClass.Blank, $"a comment at byte {at}", valid, Splice(valid.Body, at, at, Pick(["/* c */", "// c\n", "#c\n"])));
            case 2:
                var closing = valid.Spans.Values.Where(v => v.Type is JsonTokenType.StartArray or JsonTokenType.StartObject).ToList();
                var container = Pick(closing);
                return Case(number, MutationClass.Blank, $"a trailing comma before byte {container.End - 1}", valid, Splice(valid.Body, container.End - 1, container.End - 1, ","));
            default:
                var blank = Pick(Blanks);
                return Case(number, MutationClass.Blank, $"the body {JsonSerializer.Serialize(blank)}", valid, Encoding.UTF8.GetBytes(blank));
        }
    }

    private FuzzCase FlipBytes(int number, Valid valid)
    {
        var bytes = valid.Body.ToList();
        var edits = new List<string>();
        for (var n = _random.Next(1, 5); n > 0 && bytes.Count > 0; n--)
        {
            var at = _random.Next(bytes.Count);
            var value = (byte)_random.Next(256);
            switch (_random.Next(3))
            {
                case 0:
                    bytes[at] = value;
                    edits.Add($"byte {at} set to {value:X2}");
                    break;
                case 1:
                    bytes.Insert(at, value);
                    edits.Add($"{value:X2} inserted at {at}");
                    break;
                default:
                    bytes.RemoveAt(at);
                    edits.Add($"byte {at} deleted");
                    break;
            }
        }

        return Case(number, MutationClass.Bytes, string.Join(", ", edits), valid, [.. bytes]);
    }

    private FuzzCase PredictField(int number, Valid valid)
    {
        var member = Pick(valid.Spans.Members);
        switch (_random.Next(6))
        {
            case 0:
                return Case(number, MutationClass.Fields, $"feature '{member.Name}' removed", valid, Remove(valid.Body, member));
            case 1:
                var renamed = Pick([member.Name.ToUpperInvariant(), member.Name + " ", "", "_" + member.Name, member.Name + "\\u0000", member.Name[..^1]]);
                return Case(number, MutationClass.Fields, $"feature '{member.Name}' renamed '{renamed}'", valid, Splice(valid.Body, member.Key.Start + 1, member.Key.End - 1, renamed));
            case 2:
                var junk = Pick(Literals);
                return Case(number, MutationClass.Fields, $"unknown feature with value {junk} before '{member.Name}'", valid,
                    Splice(valid.Body, member.Key.Start, member.Key.Start, $"\"customer_id\":{junk},"));
            case 3:
                var category = Pick(valid.Spans.Members.Where(m => TestModel.CategoricalColumns.Contains(m.Name)).ToList());
                var value = Pick(["null", "7", "\"\"", "[\"one-year\"]", "{\"v\":\"one-year\"}", "true"]);
                return Case(number, MutationClass.Fields, $"category '{category.Name}' set to {value}", valid, Splice(valid.Body, category.Value.Start, category.Value.End, value));
            case 4:
                var record = Pick(valid.Spans.Values.Where(v => v.Type == JsonTokenType.StartObject).ToList());
                var replacement = Pick(Literals);
                return Case(number, MutationClass.Fields, $"record at byte {record.Start} replaced by {replacement}", valid, Splice(valid.Body, record.Start, record.End, replacement));
            default:
                var numeric = Pick(valid.Spans.Members.Where(m => TestModel.NumericColumns.Contains(m.Name)).ToList());
                return Case(number, MutationClass.Fields, $"number '{numeric.Name}' sent as a string", valid,
                    Splice(valid.Body, numeric.Value.Start, numeric.Value.End, "\"" + Text(valid.Body, numeric.Value) + "\""));
        }
    }

    private FuzzCase InferField(int number, Valid valid)
    {
        var field = Pick(FieldJunk.Keys.ToList());
        var junk = Pick(FieldJunk[field]);
        var existing = valid.Spans.Members.Where(m => m.Name == field).ToList();
        if (_random.Next(5) == 0)
        {
            var removed = Pick(valid.Spans.Members);
            return Case(number, MutationClass.Fields, $"member '{removed.Name}' at byte {removed.Key.Start} removed", valid, Remove(valid.Body, removed));
        }

        if (existing.Count > 0 && _random.Next(4) != 0)
        {
            var member = Pick(existing);
            return Case(number, MutationClass.Fields, $"'{field}' at byte {member.Value.Start} set to {Shorten(junk)}", valid, Splice(valid.Body, member.Value.Start, member.Value.End, junk));
        }

        var before = Pick(valid.Spans.Members);
        return Case(number, MutationClass.Fields, $"'{field}': {Shorten(junk)} added before '{before.Name}' at byte {before.Key.Start}", valid,
            Splice(valid.Body, before.Key.Start, before.Key.Start, $"\"{field}\":{junk},"));
    }

    private FuzzCase Equivalent(int number, Valid valid)
    {
        switch (_random.Next(valid.Infer ? 7 : 6))
        {
            case 0:
            case 1:
                // Any key or string escaped as \u00XX means the same text.
                var span = Pick(_random.Next(2) == 0 ? valid.Spans.Keys : Strings(valid));
                var at = _random.Next(span.Start + 1, span.End - 1);
                return Case(number, MutationClass.Equivalents, $"character {at} of the {span.Type} at byte {span.Start} \\u-escaped", valid,
                    Splice(valid.Body, at, at + 1, $"\\u{valid.Body[at]:x4}"), ok: true);
            case 2:
                var bytes = valid.Body;
                foreach (var start in valid.Spans.Values.Concat(valid.Spans.Keys).Select(s => s.Start).Where(_ => _random.Next(3) == 0).OrderDescending())
                {
                    bytes = Splice(bytes, start, start, Pick([" ", "\n", "\t", "\r\n", "  "]));
                }

                return Case(number, MutationClass.Equivalents, "whitespace between tokens", valid, bytes, ok: true);
            case 3:
                var shapes = valid.Spans.Members.Where(m => m.Name == "shape").Select(m => m.Value).ToList();
                var numbers = valid.Spans.Values.Where(v => v.Type == JsonTokenType.Number && !shapes.Any(s => s.Start < v.Start && v.End < s.End)).ToList();
                var numberSpan = Pick(numbers);
                var text = Text(valid.Body, numberSpan);
                var rewritten = text.Contains('.', StringComparison.Ordinal) && _random.Next(2) == 0 ? text + "00" : text + Pick(["e0", "E+0", "e-0"]);
                return Case(number, MutationClass.Equivalents, $"number {text} written {rewritten}", valid, Splice(valid.Body, numberSpan.Start, numberSpan.End, rewritten), ok: true);
            case 4:
                var pairs = valid.Spans.Members.Zip(valid.Spans.Members.Skip(1)).Where(p => p.Second.Key.Start == p.First.Value.End + 1).ToList();
                var (first, second) = Pick(pairs);
                var swapped = Text(valid.Body, second.Key.Start, second.Value.End) + "," + Text(valid.Body, first.Key.Start, first.Value.End);
                return Case(number, MutationClass.Equivalents, $"members '{first.Name}' and '{second.Name}' swapped", valid,
                    Splice(valid.Body, first.Key.Start, second.Value.End, swapped), ok: true);
            case 5:
                var (type, _) = Pick(ContentTypes.Where(c => c.Valid).ToList());
                return Case(number, MutationClass.Equivalents, $"Content-Type '{type}'", valid, valid.Body, ok: true, contentType: type);
            default:
                var member = Pick(valid.Spans.Members);
                var extra = Pick(["\"parameters\":{\"priority\":1,\"x\":[null,{}]}", "\"unknown_field\":[1,2,{\"a\":\"\\ud83d\\ude00\"}]", "\"parameters\":null"]);
                return Case(number, MutationClass.Equivalents, $"{extra} added before '{member.Name}'", valid, Splice(valid.Body, member.Key.Start, member.Key.Start, extra + ","), ok: true);
        }
    }

    private FuzzCase Route(int number, Valid valid)
    {
        var method = Pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO", "POST", "POST"]);
        var path = Pick(
        [
            valid.Path, valid.Path + "/", valid.Path.ToUpperInvariant(), valid.Path + "?x=1&x=2", valid.Path + "/extra", "/" + valid.Path,
            "/v2/models/other/infer", "/v2/models/churn/versions/99/infer", "/v2/models/churn/versions/-1/infer", "/v2/models/%00/infer", "/v2/models/churn%2F1/infer",
            "/v2/models/" + new string('m', 3000) + "/infer", "/v2/models//infer", "/v2/models/churn/versions//infer", "/v2", "/v2/health/ready", "/metrics",
            "/openapi/v1.json", "/", "/v2/models/churn", "/v2/models/churn/ready", "/v2/models/%F0%9F%98%80/infer", "/v2/models/%ED%A0%80/infer", "/v2/models/%FF/infer",
            "/predict%00", "/v2/models/churn/versions/1%2E0/infer",
        ]);
        return Case(number, MutationClass.Routes, $"{method} {Shorten(path)}", valid, valid.Body, method: method, path: path);
    }

    private Valid Base(bool infer, int? rows = null)
    {
        var count = rows ?? _random.Next(1, 4);
        var start = _random.Next(pool.Count - count + 1);
        var slice = pool.Skip(start).Take(count).ToList();
        string text, path;
        if (infer)
        {
            string[] outputs = _random.Next(4) switch { 0 => ["Probability"], 1 => ["PredictedLabel", "Probability"], _ => [] };
            text = Bodies.Infer(slice, _random.Next(3) == 0 ? $"request-{_random.Next(1000)}" : null, outputs);
            path = _random.Next(2) == 0 ? "/v2/models/churn/infer" : "/v2/models/churn/versions/1/infer";
        }
        else
        {
            text = Bodies.Predict(slice);
            path = "/predict";
        }

        var body = Encoding.UTF8.GetBytes(text);
        return new Valid(infer, path, body, JsonSpans.Of(body), [.. expected.Skip(start).Take(count)]);
    }

    private static FuzzCase Case(
        int number, MutationClass type, string description, Valid valid, byte[] body, bool ok = false, string? contentType = Json,
        string method = "POST", string? path = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new(number, type, description, method, path ?? valid.Path, contentType, body, ok ? valid.Expected : null, Headers: headers);

    private static List<JsonSpan> Strings(Valid valid) => [.. valid.Spans.Keys, .. valid.Spans.Values.Where(v => v.Type == JsonTokenType.String)];

    private static byte[] Remove(byte[] body, JsonMember member)
    {
        // Take the comma after the member, or the one before it when it is the last.
        var start = member.Key.Start;
        var end = member.Value.End;
        if (end < body.Length && body[end] == ',')
        {
            end++;
        }
        else if (start > 0 && body[start - 1] == ',')
        {
            start--;
        }

        return Splice(body, start, end, "");
    }

    private static byte[] Splice(byte[] body, int start, int end, string insert) => Splice(body, start, end, Encoding.UTF8.GetBytes(insert));

    private static byte[] Splice(byte[] body, int start, int end, ReadOnlySpan<byte> insert) => [.. body.AsSpan(0, start), .. insert, .. body.AsSpan(end)];

    private static string Text(byte[] body, JsonSpan span) => Text(body, span.Start, span.End);

    private static string Text(byte[] body, int start, int end) => Encoding.UTF8.GetString(body, start, end - start);

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + $"… ({text.Length} chars)";

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private sealed record Valid(bool Infer, string Path, byte[] Body, JsonSpans Spans, float[] Expected);
}
