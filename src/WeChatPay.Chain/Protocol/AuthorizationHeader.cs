using System.Diagnostics.CodeAnalysis;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// The APIv3 <c>Authorization</c> header:
/// <c>WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"</c>.
/// </summary>
/// <param name="MchId">The merchant id.</param>
/// <param name="Nonce">The request nonce.</param>
/// <param name="Timestamp">Seconds since the Unix epoch, as signed.</param>
/// <param name="Serial">The merchant API certificate serial.</param>
/// <param name="Signature">The Base64 signature.</param>
public sealed record AuthorizationHeader(string MchId, string Nonce, string Timestamp, string Serial, string Signature)
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";

    /// <summary>The parameters after the scheme, in the order the official SDKs write them.</summary>
    public string Parameters => ToString().Substring(Scheme.Length + 1);

    /// <summary>The whole header value, scheme included, built in one string (it is made for every request).</summary>
    public override string ToString() => $"{Scheme} mchid=\"{MchId}\",nonce_str=\"{Nonce}\",timestamp=\"{Timestamp}\",serial_no=\"{Serial}\",signature=\"{Signature}\"";

    /// <summary>
    /// Parses a header value as WeChat Pay does: the scheme, then the five parameters in any order,
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
        if (!value.StartsWith(Scheme + " ", StringComparison.Ordinal)) { error = $"Authorization scheme must be {Scheme}"; return false; }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = Scheme.Length + 1;
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

        header = new AuthorizationHeader(fields["mchid"], fields["nonce_str"], fields["timestamp"], fields["serial_no"], fields["signature"]);
        error = null;
        return true;
    }

    private static string Truncate(string s) => s.Length <= 32 ? s : s[..32] + "…";
}
