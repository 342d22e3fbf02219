using System.Diagnostics.CodeAnalysis;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// The APIv3 <c>Authorization</c> header:
/// <c>WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"</c>, or the same
/// parameters after <c>WECHATPAY2-SM2-WITH-SM3</c> for a 国密 merchant.
/// </summary>
/// <param name="MchId">The merchant id.</param>
/// <param name="Nonce">The request nonce.</param>
/// <param name="Timestamp">Seconds since the Unix epoch, as signed.</param>
/// <param name="Serial">The merchant API certificate serial.</param>
/// <param name="Signature">The Base64 signature.</param>
public sealed record AuthorizationHeader(string MchId, string Nonce, string Timestamp, string Serial, string Signature)
{
    /// <summary>The authentication scheme of RSA signatures.</summary>
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";

    /// <summary>The authentication scheme of SM2 signatures (国密).</summary>
    public const string Sm2Scheme = "WECHATPAY2-SM2-WITH-SM3";

    /// <summary>The algorithms of the signature, which choose the header's scheme; RSA unless set.</summary>
    public SignatureScheme SignatureScheme { get; init; }

    /// <summary>The parameters after the scheme, in the order the official SDKs write them.</summary>
    public string Parameters => ToString().Substring(SchemeName(SignatureScheme).Length + 1);

    /// <summary>The whole header value, scheme included.</summary>
    public override string ToString() => Format(SignatureScheme, MchId, Nonce, Timestamp, Serial, Signature.AsSpan());

    /// <summary>The header value for a signature given as bytes, its Base64 written straight into the one string made.</summary>
    internal static string Format(SignatureScheme scheme, string mchId, string nonce, string timestamp, string serial, ReadOnlySpan<byte> signature)
    {
        Span<char> base64 = stackalloc char[(Rsa.MaxSignatureBytes + 2) / 3 * 4];
        Convert.TryToBase64Chars(signature, base64, out var length);
        return Format(scheme, mchId, nonce, timestamp, serial, base64[..length]);
    }

    private static string Format(SignatureScheme scheme, string mchId, string nonce, string timestamp, string serial, ReadOnlySpan<char> signature)
    {
        ReadOnlySpan<string> parts = [SchemeName(scheme), " mchid=\"", mchId, "\",nonce_str=\"", nonce, "\",timestamp=\"", timestamp, "\",serial_no=\"", serial, "\",signature=\""];
        var length = signature.Length + 1;
        foreach (var part in parts) length += part?.Length ?? 0;
        var text = length <= 2048 ? stackalloc char[length] : new char[length];
        var rest = text;
        foreach (var part in parts)
        {
            part.AsSpan().CopyTo(rest);
            rest = rest[part.AsSpan().Length..];
        }
        signature.CopyTo(rest);
        rest[signature.Length] = '"';
        return text.ToString();
    }

    /// <summary>The header's scheme for signatures of <paramref name="scheme"/>.</summary>
    public static string SchemeName(SignatureScheme scheme) => scheme == SignatureScheme.Sm2WithSm3 ? Sm2Scheme : Scheme;

    /// <summary>
    /// Parses a header value as WeChat Pay does: the scheme (RSA or SM2), then the five parameters in any order,
    /// each <c>name="value"</c>, separated by commas with optional spaces. Duplicate or unknown parameters are refused.
    /// </summary>
    /// <param name="value">The header value.</param>
    /// <param name="header">The parsed header.</param>
    /// <param name="error">Why parsing failed, fit for an error response.</param>
    public static bool TryParse(string? value, [NotNullWhen(true)] out AuthorizationHeader? header, [NotNullWhen(false)] out string? error)
    {
        header = null;
        if (string.IsNullOrWhiteSpace(value)) { error = "Authorization header is missing"; return false; }
        value = value.Trim();
        var scheme = value.StartsWith(Sm2Scheme + " ", StringComparison.Ordinal) ? SignatureScheme.Sm2WithSm3 : SignatureScheme.Rsa2048WithSha256;
        if (!value.StartsWith(SchemeName(scheme) + " ", StringComparison.Ordinal)) { error = $"Authorization scheme must be {Scheme} or {Sm2Scheme}"; return false; }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = SchemeName(scheme).Length + 1;
        while (at < value.Length)
        {
            while (at < value.Length && (value[at] == ' ' || value[at] == ',')) at++;
            if (at == value.Length) break;
            var eq = value.IndexOf('=', at);
            if (eq < 0 || eq + 1 >= value.Length || value[eq + 1] != '"') { error = "Authorization parameters must be name=\"value\""; return false; }
            var name = value[at..eq].Trim();
            var close = value.IndexOf('"', eq + 2);
            if (close < 0) { error = $"Authorization parameter {name} has no closing quote"; return false; }
            if (name is not ("mchid" or "nonce_str" or "timestamp" or "serial_no" or "signature")) { error = $"Authorization has an unknown parameter '{Truncate(name)}'"; return false; }
            if (!fields.TryAdd(name, value[(eq + 2)..close])) { error = $"Authorization repeats the parameter {name}"; return false; }
            at = close + 1;
        }
        foreach (var required in new[] { "mchid", "nonce_str", "timestamp", "serial_no", "signature" })
            if (!fields.ContainsKey(required)) { error = $"Authorization lacks the parameter {required}"; return false; }

        header = new AuthorizationHeader(fields["mchid"], fields["nonce_str"], fields["timestamp"], fields["serial_no"], fields["signature"]) { SignatureScheme = scheme };
        error = null;
        return true;
    }

    private static string Truncate(string s) => s.Length <= 32 ? s : s[..32] + "…";
}
