using System.Text.RegularExpressions;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// The shape of the ids platform keys are filed under: a certificate serial (hexadecimal) or a WeChat Pay public key
/// id (<c>PUB_KEY_ID_</c> and digits). Checked before an id is used, so that nothing else is ever repeated back.
/// </summary>
internal static partial class PlatformKeyId
{
    // \z, not $: $ also matches before a final line break.
    [GeneratedRegex(@"^(?:[0-9A-Fa-f]{1,64}|PUB_KEY_ID_[0-9A-Za-z_]{1,64})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsWellFormed(string id) => Pattern().IsMatch(id);
}
