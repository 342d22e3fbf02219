using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// What an APIv2 signature covers: every field but <c>sign</c> whose value is not empty, as <c>k=v</c>
/// joined by <c>&amp;</c> in ordinal (byte) order of the names; the key is appended by <see cref="ApiV2Key"/>.
/// </summary>
public static class ApiV2Signature
{
    /// <summary>The field that carries the signature.</summary>
    internal const string SignField = "sign";

    /// <summary>The field that names the sign type.</summary>
    internal const string SignTypeField = "sign_type";

    /// <summary>
    /// Hands <paramref name="use"/> the UTF-8 of the text signed for <paramref name="fields"/>, without the key: written
    /// into a pooled buffer, which is wiped afterwards, as the text may be personal data.
    /// </summary>
    private static T WithMessage<T, TState>(IEnumerable<KeyValuePair<string, string>> fields, TState state, MessageUse<TState, T> use)
    {
        var signed = new List<KeyValuePair<string, string>>();
        var length = 0;
        foreach (var field in fields)
        {
            if (field.Key == SignField || string.IsNullOrEmpty(field.Value)) continue;
            signed.Add(field);
            length += Encoding.UTF8.GetMaxByteCount(field.Key.Length + field.Value.Length) + 2;
        }
        signed.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var at = 0;
        try
        {
            foreach (var (name, value) in signed)
            {
                if (at > 0) buffer[at++] = (byte)'&';
                at += Encoding.UTF8.GetBytes(name, 0, name.Length, buffer, at);
                buffer[at++] = (byte)'=';
                at += Encoding.UTF8.GetBytes(value, 0, value.Length, buffer, at);
            }
            return use(buffer.AsSpan(0, at), state);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, at));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private delegate T MessageUse<in TState, out T>(ReadOnlySpan<byte> message, TState state);

    /// <summary>The <c>sign</c> of <paramref name="fields"/> under <paramref name="key"/>.</summary>
    internal static string Sign(IEnumerable<KeyValuePair<string, string>> fields, ApiV2Key key, ApiV2SignType type)
        => WithMessage(fields, (key, type), static (message, s) => s.key.Sign(message, s.type));

    /// <summary>The <c>sign_type</c> value that names <paramref name="type"/>: <c>MD5</c> or <c>HMAC-SHA256</c>.</summary>
    public static string NameOf(ApiV2SignType type) => type == ApiV2SignType.HmacSha256 ? "HMAC-SHA256" : "MD5";

    /// <summary>The sign type a <c>sign_type</c> value names: <c>MD5</c> (or none, the default) or <c>HMAC-SHA256</c>; false for any other.</summary>
    public static bool TryParseType(string? signType, out ApiV2SignType type)
    {
        type = signType == NameOf(ApiV2SignType.HmacSha256) ? ApiV2SignType.HmacSha256 : ApiV2SignType.Md5;
        return string.IsNullOrEmpty(signType) || signType == NameOf(type);
    }

    /// <summary>The sign type a request's <c>sign_type</c> names.</summary>
    /// <exception cref="RequestOptionsException">A value APIv2 does not know.</exception>
    internal static ApiV2SignType TypeOf(string? signType)
        => TryParseType(signType, out var type) ? type : throw new RequestOptionsException($"sign_type '{signType}' is not one APIv2 knows; use MD5 (the default) or HMAC-SHA256.");

    /// <summary>Whether the <c>sign</c> of <paramref name="fields"/> is the APIv2 key's signature over the others.</summary>
    internal static bool IsValid(IReadOnlyDictionary<string, string> fields, ApiV2Key key)
        => fields.TryGetValue(SignField, out var sign) && WithMessage(fields, (key, sign), static (message, s) => s.key.Verifies(message, s.sign));

    /// <summary>
    /// Signs <paramref name="fields"/> with <paramref name="apiV2Key"/>: the value of their <c>sign</c> field, upper-case hex.
    /// For answering, testing or building APIv2 messages outside a client (the client signs its own requests).
    /// </summary>
    /// <exception cref="ConfigurationException">The key is not 32 printable ASCII characters.</exception>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> fields, string apiV2Key, ApiV2SignType type = ApiV2SignType.Md5)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Sign(fields, new ApiV2Key(apiV2Key), type);
    }

    /// <summary>
    /// Whether the <c>sign</c> field of <paramref name="fields"/> signs the others under <paramref name="apiV2Key"/>
    /// (HMAC-SHA256 when it has 64 characters, MD5 when 32), compared in constant time.
    /// </summary>
    /// <exception cref="ConfigurationException">The key is not 32 printable ASCII characters.</exception>
    public static bool IsValid(IReadOnlyDictionary<string, string> fields, string apiV2Key)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return IsValid(fields, new ApiV2Key(apiV2Key));
    }
}
