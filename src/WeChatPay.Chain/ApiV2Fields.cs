using System.Collections;
using System.Dynamic;

namespace WeChatPay.Chain;

/// <summary>
/// The fields of an APIv2 message, in document order: <c>r.Xml["result_code"]</c>, and through <c>dynamic</c>
/// <c>r.Xml.result_code</c> as well (null when the field is absent, as a missing JSON member is).
/// </summary>
public sealed class ApiV2Fields : DynamicObject, IReadOnlyDictionary<string, string>
{
    private readonly IReadOnlyDictionary<string, string> _fields;

    internal ApiV2Fields(IReadOnlyDictionary<string, string> fields) => _fields = fields;

    /// <summary>A field's value.</summary>
    /// <exception cref="KeyNotFoundException">The message has no such field; the message names it.</exception>
    public string this[string key] => _fields.TryGetValue(key, out var value) ? value
        : throw new KeyNotFoundException($"The APIv2 message has no field '{key}'; it has {string.Join(", ", _fields.Keys)}. Use TryGetValue for a field that may be absent.");

    /// <inheritdoc />
    public IEnumerable<string> Keys => _fields.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _fields.Values;

    /// <inheritdoc />
    public int Count => _fields.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out string value) => _fields.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = _fields.TryGetValue(binder.Name, out var value) ? value : null;
        return true;
    }

    /// <inheritdoc />
    public override IEnumerable<string> GetDynamicMemberNames() => _fields.Keys;
}
