using System.Text;

namespace WeChatPay.Chain;

/// <summary>
/// A request's path and query as messages and <c>ToString()</c> show it: the value of each <c>token</c> query parameter
/// (a bill's <c>download_url</c> carries one, a short-lived credential to the merchant's bill) is shown as <c>…</c>. The
/// request is still sent, signed and recorded (<see cref="WeChatPayCall.RequestTarget"/>) with its value.
/// </summary>
internal static class ShownTarget
{
    /// <summary>The name of the query parameter whose value is never shown, in any case.</summary>
    private const string Token = "token";

    /// <summary><paramref name="target"/> with the value of each <c>token</c> query parameter elided; empty for null.</summary>
    public static string Of(string? target)
    {
        if (target is null) return "";
        var query = target.IndexOf('?');
        if (query < 0 || target.IndexOf(Token, query, StringComparison.OrdinalIgnoreCase) < 0) return target;
        var shown = new StringBuilder(target.Length).Append(target, 0, query + 1);
        var parameters = target.Substring(query + 1).Split('&');
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i > 0) shown.Append('&');
            var parameter = parameters[i];
            var equals = parameter.IndexOf('=');
            shown.Append(equals == Token.Length && string.Compare(parameter, 0, Token, 0, Token.Length, StringComparison.OrdinalIgnoreCase) == 0
                ? parameter.Substring(0, equals + 1) + "…"
                : parameter);
        }
        return shown.ToString();
    }
}
