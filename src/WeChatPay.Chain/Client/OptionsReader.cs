using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Client;

/// <summary>
/// Reads the shapes options arrive in — anonymous objects, <see cref="IDictionary{TKey,TValue}"/>, <see cref="IDictionary"/>
/// and <see cref="JObject"/> — as name/value pairs, so ported PHP arrays and JS objects fit.
/// </summary>
internal static class OptionsReader
{
    private static readonly ConcurrentDictionary<Type, Func<object, object?>[]> Getters = new();
    private static readonly ConcurrentDictionary<Type, string[]> Names = new();

    /// <summary>Returns the pairs of a map-like object, or throws naming <paramref name="what"/> when it is not one.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Read(object value, string what) => value switch
    {
        JObject o => o.Properties().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)),
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs,
        IEnumerable<KeyValuePair<string, string>> pairs => pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)),
        IDictionary dictionary => ReadDictionary(dictionary, what),
        string or JToken or IEnumerable or ValueType => throw new RequestOptionsException($"{what} must be an object with named values (an anonymous object, a dictionary or a JObject), not a {Describe(value)}."),
        _ => ReadProperties(value),
    };

    /// <summary>
    /// Turns a scalar into the text a URL or header carries: strings as is, numbers in invariant culture,
    /// booleans as <c>true</c>/<c>false</c>. Returns null for null.
    /// </summary>
    public static string? Scalar(object? value, string what) => value switch
    {
        null => null,
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue j => Scalar(j.Value, what),
        string s => s,
        bool b => b ? "true" : "false",
        char c => c.ToString(),
        Enum e => e.ToString(),
        DateTimeOffset d => d.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        _ => throw new RequestOptionsException($"{what} must be a string, number or boolean, not a {Describe(value)}."),
    };

    /// <summary>A short description of a value's type for error messages; never the value itself, which may be secret.</summary>
    public static string Describe(object value) => value switch
    {
        JToken t => $"JSON {t.Type.ToString().ToLowerInvariant()}",
        _ when value.GetType().Name.Contains("AnonymousType", StringComparison.Ordinal) => "anonymous object",
        _ => value.GetType().Name,
    };

    private static IEnumerable<KeyValuePair<string, object?>> ReadDictionary(IDictionary dictionary, string what)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key) throw new RequestOptionsException($"{what} has a key of type {entry.Key.GetType().Name}; keys must be strings.");
            yield return new(key, entry.Value);
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> ReadProperties(object value)
    {
        var type = value.GetType();
        var names = Names.GetOrAdd(type, static t => [.. PublicProperties(t).Select(p => p.Name)]);
        var getters = Getters.GetOrAdd(type, static t => [.. PublicProperties(t).Select(p => (Func<object, object?>)p.GetValue)]);
        for (var i = 0; i < names.Length; i++) yield return new(names[i], getters[i](value));
    }

    private static IEnumerable<PropertyInfo> PublicProperties(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0);
}
