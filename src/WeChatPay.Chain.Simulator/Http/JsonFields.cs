using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// Reads fields of a JSON request body strictly, the way WeChat Pay's schema check does: wrong types, empty required
/// strings, over-long values and non-integer amounts become 400 PARAM_ERROR naming the field's path
/// (<c>fees[0].fee_amount</c>).
/// </summary>
internal sealed class JsonFields
{
    /// <summary>A ceiling far above any real order (one billion yuan) that keeps sums of a hundred amounts from overflowing.</summary>
    public const long MaxAmount = 100_000_000_000;

    private readonly JsonObject _object;
    private readonly string _path;

    private JsonFields(JsonObject obj, string path)
    {
        _object = obj;
        _path = path;
    }

    public JsonObject Object => _object;

    /// <summary>Parses a request body that must be one JSON object.</summary>
    public static JsonFields ParseBody(byte[] body) => Parse(body, "body", "request body", "");

    /// <summary>
    /// Parses a multipart part that must hold one JSON object, such as an upload's <c>meta</c>; fields are then named
    /// under the part (<c>meta.sha256</c>).
    /// </summary>
    public static JsonFields ParsePart(ReadOnlySpan<byte> content, string part) => Parse(content, part, $"{part} part", part);

    private static JsonFields Parse(ReadOnlySpan<byte> json, string field, string what, string path)
    {
        if (json.IsEmpty) throw ApiError.Param(field, $"the {what} is empty; a JSON object is required");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw ApiError.Param(field, $"the {what} is not valid JSON ({e.Message})");
        }
        return node is JsonObject obj ? new JsonFields(obj, path) : throw ApiError.Param(field, $"the {what} must be a JSON object");
    }

    public string RequiredString(string name, int maxLength)
        => OptionalString(name, maxLength) is { Length: > 0 } text ? text : throw ApiError.Param(Path(name), "is required");

    public string? OptionalString(string name, int maxLength)
    {
        var node = _object[name];
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String) throw ApiError.Param(Path(name), "must be a string");
        var text = node.GetValue<string>();
        if (text.EnumerateRunes().Count() > maxLength) throw ApiError.Param(Path(name), $"must be at most {maxLength} characters");
        return text;
    }

    /// <summary>An amount in fen: a JSON integer, never negative, never a decimal or a string.</summary>
    public long? OptionalAmount(string name) => OptionalInteger(name, 0, MaxAmount, $"must be a non-negative integer amount in fen, at most {MaxAmount}");

    public long RequiredAmount(string name) => OptionalAmount(name) ?? throw ApiError.Param(Path(name), "is required");

    public long? OptionalInteger(string name, long min, long max, string issue)
    {
        var node = _object[name];
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<long>(out var value) || value < min || value > max)
            throw ApiError.Param(Path(name), issue);
        return value;
    }

    public bool? OptionalBoolean(string name)
    {
        var node = _object[name];
        if (node is null) return null;
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiError.Param(Path(name), "must be true or false"),
        };
    }

    /// <summary>A nested object, read with the same strictness; null when absent.</summary>
    public JsonFields? OptionalObject(string name)
    {
        var node = _object[name];
        if (node is null) return null;
        return node is JsonObject inner ? new JsonFields(inner, Path(name)) : throw ApiError.Param(Path(name), "must be an object");
    }

    /// <summary>An array of objects, each read with the same strictness.</summary>
    public IReadOnlyList<JsonFields>? OptionalObjects(string name, int maxItems)
    {
        var node = _object[name];
        if (node is null) return null;
        if (node is not JsonArray array) throw ApiError.Param(Path(name), "must be an array");
        if (array.Count > maxItems) throw ApiError.Param(Path(name), $"must have at most {maxItems} items; it has {array.Count}");
        var items = new List<JsonFields>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{Path(name)}[{i}]";
            items.Add(array[i] is JsonObject item ? new JsonFields(item, itemPath) : throw ApiError.Param(itemPath, "must be an object"));
        }
        return items;
    }

    public string Path(string name) => _path.Length == 0 ? name : $"{_path}.{name}";
}
